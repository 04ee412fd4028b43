/// Which of a few names a patch's pre-image (context and removed lines) has as
/// identifiers, lexing only the hunks that could have one.
///
/// An identifier token lies within one line and its text is spelled on that line, so a
/// hunk whose pre-image lines never spell any of the names cannot have one of them as
/// an identifier: its pre-image view need not be lexed. The hunks that do spell one are
/// lexed exactly as `CodeView.views(of:side: .old)` lexes them (one view per hunk), so
/// the answer is the same as scanning those views.
enum PreImageNames {
    static func identifiers(among names: Set<String>, in patch: Patch) -> Set<String> {
        guard !names.isEmpty else { return [] }
        // A non-ASCII name may equal a token spelled with other bytes: lex every hunk.
        let needles = names.allSatisfy(NameFilter.isASCII) ? names.map { Array($0.utf8) } : nil
        let filter = NameFilter(names)
        var found: Set<String> = []
        for file in patch.files where !file.isBinary && CodeView.isCSource(file.path) && file.oldPath != nil {
            for hunk in file.hunks where needles.map({ spellsAny($0, hunk) }) ?? true {
                let view = CodeView(hunk: hunk, path: file.oldPath ?? file.path, side: .old)
                for t in view.tokens where t.kind == .identifier && filter.contains(t.text) {
                    found.insert(t.text)
                    if found.count == names.count { return found }
                }
            }
        }
        return found
    }

    /// True when some pre-image line of the hunk contains one of the (ASCII) byte
    /// strings, or has a non-ASCII byte (a token there may equal a name canonically
    /// without spelling its bytes).
    static func spellsAny(_ needles: [[UInt8]], _ hunk: Hunk) -> Bool {
        for line in hunk.lines where line.kind != .added {
            let hit = ASCIIBytes.withBytes(line.text) { bytes in
                bytes.contains { $0 >= 0x80 } || needles.contains { contains(bytes, $0) }
            }
            if hit { return true }
        }
        return false
    }

    /// Whether `needle` occurs in `haystack`: memchr to each occurrence of its first
    /// byte, then memcmp.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = haystack.count, m = needle.count
        guard m > 0 else { return true }
        guard n >= m, let base = haystack.baseAddress else { return false }
        return needle.withUnsafeBufferPointer { pattern in
            var from = 0
            while from <= n - m, let i = ASCIIBytes.firstIndex(of: pattern[0], in: haystack, from: from) {
                guard i <= n - m else { return false }
                if ASCIIBytes.equal(base + i, pattern.baseAddress!, count: m) { return true }
                from = i + 1
            }
            return false
        }
    }
}
