/// Parses unified diffs as `git diff`, `git show` and `git format-patch` print them (and
/// plain `diff -u` output) into the patch model.
///
/// Grammar followed (git's `apply.c` semantics, written from git's documented output):
/// - `diff --git a/X b/Y`, then extended headers (`old mode`, `new mode`, `new file mode`,
///   `deleted file mode`, `similarity index`, `dissimilarity index`, `rename from/to`,
///   `copy from/to`, `index <a>..<b> [mode]`), then either `Binary files … differ`,
///   a `GIT binary patch` block, or `---`/`+++` lines followed by hunks.
/// - A plain unified diff file starts at a `--- X` line directly followed by `+++ Y`.
/// - Paths lose their first component (`a/`, `b/`, like `git apply -p1`); quoted paths use
///   git's C-style escapes; a tab ends an unquoted `---`/`+++` name (GNU diff timestamps,
///   and git's own tab after names containing spaces).
/// - Hunk counts are authoritative: a hunk ends when its counts are used up. Text after the
///   last hunk that does not start a new file is ignored (a mail's `-- ` signature, list
///   footers, a `---` or `-----` rule), except diff-looking lines right after a finished
///   hunk, which mean the header's counts lie. (git apply ignores those too; we refuse them,
///   because lines a reviewer sees in the mail must not silently escape the review.) An empty line inside a hunk is an empty context line (as `git apply` accepts
///   from mailers that strip trailing blanks).
///
/// Line endings: only `\n` ends a line. A `\r` before it is kept in the line's text for
/// content lines, because it *is* content there (a CRLF file in the repository shows its CR in
/// `git show`). The mail layer strips CR from CRLF mails first, as `git mailsplit` does
/// without `--keep-cr`. Header lines (`diff --git`, `@@`, `---`…) ignore a trailing `\r`.
///
/// Errors are `InputError`s with a one-line message naming the diff line; nothing is
/// silently dropped from a hunk.
public enum UnifiedDiffParser {
    public static func parse(_ text: String) throws -> [FileDiff] {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws -> [FileDiff] {
        try bytes.withUnsafeBufferPointer { try parse(buffer: $0) }
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws -> [FileDiff] {
        try bytes.withUnsafeBufferPointer { try parse(buffer: $0) }
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> [FileDiff] {
        var parser = Parser(lines: ByteLines(buffer))
        return try parser.parseFiles()
    }
}

/// The state of one parse: the lines and the index of the next one to read.
private struct Parser {
    let lines: ByteLines
    var i = 0

    init(lines: ByteLines) {
        self.lines = lines
    }

    mutating func parseFiles() throws -> [FileDiff] {
        var files: [FileDiff] = []
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("diff --git ") {
                files.append(try parseGitFile())
            } else if line.hasPrefix("diff --cc ") || line.hasPrefix("diff --combined ") {
                throw failure(at: i, "combined (merge) diffs are not supported")
            } else if line.hasPrefix("--- "), i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") {
                files.append(try parsePlainFile())
            } else {
                // Commentary between files (or before the first), a mail's `-- ` signature,
                // a list footer: skipped, as git apply does. A reply can attach several
                // format-patch files, each with its signature, so a signature does not end
                // the diff either.
                i += 1
            }
        }
        return files
    }

    // MARK: git diffs

    mutating func parseGitFile() throws -> FileDiff {
        let headerIndex = i
        let names = lines[i].dropPrefix("diff --git ".utf8.count).headerText
        var (oldName, newName) = splitGitHeaderNames(names)
        var status: FileDiff.Status = .modified
        var oldMode: String?, newMode: String?, indexMode: String?
        var similarity: Int?
        var isBinary = false
        var sawExtendedHeader = false
        var hunks: [Hunk] = []
        i += 1

        headers: while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("old mode ") {
                oldMode = line.dropPrefix(9).headerString
            } else if line.hasPrefix("new mode ") {
                newMode = line.dropPrefix(9).headerString
            } else if line.hasPrefix("new file mode ") {
                status = .added; newMode = line.dropPrefix(14).headerString
            } else if line.hasPrefix("deleted file mode ") {
                status = .deleted; oldMode = line.dropPrefix(18).headerString
            } else if line.hasPrefix("rename from ") {
                status = .renamed; oldName = unquotedPath(line.dropPrefix(12).headerText)
            } else if line.hasPrefix("rename to ") {
                status = .renamed; newName = unquotedPath(line.dropPrefix(10).headerText)
            } else if line.hasPrefix("rename old ") {  // git before 1.5 spelled it this way
                status = .renamed; oldName = unquotedPath(line.dropPrefix(11).headerText)
            } else if line.hasPrefix("rename new ") {
                status = .renamed; newName = unquotedPath(line.dropPrefix(11).headerText)
            } else if line.hasPrefix("copy from ") {
                status = .copied; oldName = unquotedPath(line.dropPrefix(10).headerText)
            } else if line.hasPrefix("copy to ") {
                status = .copied; newName = unquotedPath(line.dropPrefix(8).headerText)
            } else if line.hasPrefix("similarity index ") {
                similarity = Int(line.dropPrefix(17).headerString.filter(\.isNumber))
            } else if line.hasPrefix("dissimilarity index ") {
                // A rewrite of the same path; nothing in the model records it.
            } else if line.hasPrefix("index ") {
                // `index abc..def 100644`: the mode when it did not change.
                let fields = line.dropPrefix(6).headerString.split(separator: " ")
                if fields.count > 1 { indexMode = String(fields[1]) }
            } else if line.hasPrefix("Binary files ") {
                isBinary = true
                i += 1
                break headers
            } else if line.hasPrefix("GIT binary patch") {
                isBinary = true
                i += 1
                skipBinaryPatchData()
                break headers
            } else if line.hasPrefix("--- ") {
                guard i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") else {
                    throw failure(at: i, "`---` line without a following `+++` line")
                }
                let minus = parseFileLine(lines[i].dropPrefix(4))
                let plus = parseFileLine(lines[i + 1].dropPrefix(4))
                if let minus { oldName = minus } else if status == .modified { status = .added }
                if let plus { newName = plus } else if status == .modified { status = .deleted }
                i += 2
                hunks = try parseHunks(fileHeaderIndex: headerIndex)
                break headers
            } else if line.hasPrefix("@@ ") {
                throw failure(at: i, "hunk without `---`/`+++` lines")
            } else {
                break headers  // next file, or text after the diff
            }
            sawExtendedHeader = true
            i += 1
        }

        guard sawExtendedHeader || isBinary || !hunks.isEmpty else {
            throw failure(at: headerIndex, "`diff --git` line with no change under it (a header wrapped by a mailer?)")
        }
        if oldMode == nil, newMode == nil, status == .modified || status == .renamed || status == .copied {
            oldMode = indexMode; newMode = indexMode
        } else if status == .added, newMode == nil {
            newMode = indexMode
        } else if status == .deleted, oldMode == nil {
            oldMode = indexMode
        }
        guard oldName != nil || newName != nil else {
            throw failure(at: headerIndex, "cannot tell the file names in `diff --git \(names.displayText)`")
        }
        return FileDiff(oldPath: status == .added ? nil : oldName ?? newName,
                        newPath: status == .deleted ? nil : newName ?? oldName,
                        status: status, isBinary: isBinary, oldMode: oldMode, newMode: newMode,
                        similarity: similarity, hunks: hunks)
    }

    /// `GIT binary patch` is followed by `literal N`/`delta N` blocks of base85 lines, each
    /// ended by an empty line; none of those lines can start a new file.
    mutating func skipBinaryPatchData() {
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("diff --git ") || line.isSignatureSeparator { return }
            if line.hasPrefix("--- "), i + 1 < lines.count, lines[i + 1].hasPrefix("+++ ") { return }
            i += 1
        }
    }

    /// The two names of a `diff --git` line. Unquoted names may contain spaces, so the split
    /// is where both sides name the same path once the prefix is gone; renames and copies
    /// get their names from the `rename`/`copy` lines instead.
    func splitGitHeaderNames(_ names: ByteLine) -> (String?, String?) {
        if names.first == UInt8(ascii: "\"") {
            guard let (first, rest) = names.quotedPrefix() else { return (nil, nil) }
            let second = rest.trimmingLeadingSpaces()
            let secondName = second.first == UInt8(ascii: "\"") ? second.quotedPrefix()?.0 : second.bytes
            return (stripPrefix(first), secondName.map(stripPrefix))
        }
        if let quote = names.firstIndex(of: UInt8(ascii: "\"")), quote > 0,
           names[quote - 1] == UInt8(ascii: " ") {
            let first = Array(names.bytes[..<(quote - 1)])
            let second = names.dropPrefix(quote).quotedPrefix()?.0
            return (stripPrefix(first), second.map(stripPrefix))
        }
        let bytes = names.bytes
        if let space = equalSplit(bytes) {
            return (stripPrefix(Array(bytes[..<space])), stripPrefix(Array(bytes[(space + 1)...])))
        }
        // No equal split: a rename, whose lines name the files. Split at the space nearest
        // the middle.
        var middle: Int?
        for k in bytes.indices where bytes[k] == UInt8(ascii: " ") {
            if middle == nil || abs(k * 2 - bytes.count) < abs(middle! * 2 - bytes.count) { middle = k }
        }
        if let middle {
            return (stripPrefix(Array(bytes[..<middle])), stripPrefix(Array(bytes[(middle + 1)...])))
        }
        return (nil, nil)
    }

    /// The leftmost space where both sides name the same path once their first component is
    /// stripped. Linear in the line: one pass from the right finds each candidate's second
    /// prefix, lengths rule out all but a few candidates, and only those compare bytes (a
    /// 10 MB header line made of spaces must not cost a comparison per space).
    func equalSplit(_ bytes: [UInt8]) -> Int? {
        let slash = UInt8(ascii: "/"), space = UInt8(ascii: " ")
        let firstSlash = bytes.firstIndex(of: slash)
        var nextSlash: Int?  // the first slash right of the position being looked at
        var found: Int?
        var k = bytes.count - 1
        while k >= 0 {
            if bytes[k] == slash { nextSlash = k }
            if bytes[k] == space {
                // Where each side's name starts once `a/`, `b/` (any first component) is gone.
                var aStart = 0
                if let f = firstSlash, f + 1 < k { aStart = f + 1 }
                var bStart = k + 1
                if let n = nextSlash, n + 1 < bytes.count { bStart = n + 1 }
                if k - aStart == bytes.count - bStart,
                   bytes[aStart..<k].elementsEqual(bytes[bStart...]) {
                    found = k
                }
            }
            k -= 1
        }
        return found
    }

    /// The name on a `---`/`+++` line, prefix removed; nil for /dev/null.
    func parseFileLine(_ rest: ByteLine) -> String? {
        let text = rest.headerText
        let raw: [UInt8]
        if text.first == UInt8(ascii: "\""), let (name, _) = text.quotedPrefix() {
            raw = name
        } else if let tab = text.firstIndex(of: UInt8(ascii: "\t")) {
            raw = Array(text.bytes[..<tab])
        } else {
            raw = text.bytes
        }
        if raw == Array("/dev/null".utf8) { return nil }
        return stripPrefix(raw)
    }

    /// A path from a `rename`/`copy` line: no prefix, maybe quoted.
    func unquotedPath(_ text: ByteLine) -> String {
        if text.first == UInt8(ascii: "\""), let (name, _) = text.quotedPrefix() {
            return String(decoding: name, as: UTF8.self)
        }
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// Drops the first path component (`a/`, `b/`, `i/`, `w/`...), as `git apply -p1`.
    func stripPrefix(_ path: [UInt8]) -> String {
        if let slash = path.firstIndex(of: UInt8(ascii: "/")), slash + 1 < path.count {
            return String(decoding: path[(slash + 1)...], as: UTF8.self)
        }
        return String(decoding: path, as: UTF8.self)
    }

    // MARK: plain unified diffs

    mutating func parsePlainFile() throws -> FileDiff {
        let headerIndex = i
        let oldName = parseFileLine(lines[i].dropPrefix(4))
        let newName = parseFileLine(lines[i + 1].dropPrefix(4))
        i += 2
        let hunks = try parseHunks(fileHeaderIndex: headerIndex)
        let status: FileDiff.Status = oldName == nil ? .added : newName == nil ? .deleted : .modified
        guard oldName != nil || newName != nil else {
            throw failure(at: headerIndex, "both sides of the diff are /dev/null")
        }
        return FileDiff(oldPath: oldName, newPath: newName, status: status, hunks: hunks)
    }

    // MARK: hunks

    mutating func parseHunks(fileHeaderIndex: Int) throws -> [Hunk] {
        var hunks: [Hunk] = []
        while i < lines.count, lines[i].hasPrefix("@@ ") {
            hunks.append(try parseHunk())
            guard i < lines.count else { break }
            let next = lines[i]
            if next.hasPrefix("@@ ") { continue }
            if let first = next.first,
               first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: " "),
               !next.isSignatureSeparator, !next.isDashRule,
               !(next.hasPrefix("--- ") && i + 1 < lines.count && lines[i + 1].hasPrefix("+++ ")) {
                let last = hunks[hunks.count - 1]
                throw failure(at: i, "hunk \(last.headerDescription) has more lines than its header says")
            }
        }
        if hunks.isEmpty {
            throw failure(at: fileHeaderIndex, "file header without any hunk")
        }
        return hunks
    }

    mutating func parseHunk() throws -> Hunk {
        let headerIndex = i
        guard var hunk = parseHunkHeader(lines[i]) else {
            throw failure(at: i, "malformed hunk header `\(lines[i].displayText)`")
        }
        var old = hunk.oldStart, new = hunk.newStart
        var oldLeft = hunk.oldCount, newLeft = hunk.newCount
        // Bounded by the lines that exist: a lying header must not reserve gigabytes.
        hunk.lines.reserveCapacity(min(oldLeft + newLeft, lines.count - i))
        i += 1
        while oldLeft > 0 || newLeft > 0 {
            guard i < lines.count else {
                throw failure(at: headerIndex, "the diff ends inside hunk \(hunk.headerDescription) "
                              + "(\(oldLeft) old and \(newLeft) new lines missing)")
            }
            let line = lines[i]
            let marker = line.first
            switch marker {
            case UInt8(ascii: " "), nil:
                guard oldLeft > 0, newLeft > 0 else {
                    throw failure(at: i, "hunk \(hunk.headerDescription) has more context lines than its header says")
                }
                hunk.lines.append(DiffLine(kind: .context, oldNumber: old, newNumber: new, text: line.contentText))
                old += 1; new += 1; oldLeft -= 1; newLeft -= 1
            case UInt8(ascii: "-"):
                guard oldLeft > 0 else {
                    throw failure(at: i, "hunk \(hunk.headerDescription) has more removed lines than its header says")
                }
                hunk.lines.append(DiffLine(kind: .removed, oldNumber: old, newNumber: nil, text: line.contentText))
                old += 1; oldLeft -= 1
            case UInt8(ascii: "+"):
                guard newLeft > 0 else {
                    throw failure(at: i, "hunk \(hunk.headerDescription) has more added lines than its header says")
                }
                hunk.lines.append(DiffLine(kind: .added, oldNumber: nil, newNumber: new, text: line.contentText))
                new += 1; newLeft -= 1
            case UInt8(ascii: "\\"):
                guard !hunk.lines.isEmpty else {
                    throw failure(at: i, "`\\` line before any line of hunk \(hunk.headerDescription)")
                }
                hunk.lines[hunk.lines.count - 1].hasNewline = false
            default:
                throw failure(at: i, "hunk \(hunk.headerDescription) is cut short: \(oldLeft) old and "
                              + "\(newLeft) new lines missing before `\(line.displayText)`")
            }
            i += 1
        }
        // `\ No newline at end of file` after the last counted line.
        if i < lines.count, lines[i].first == UInt8(ascii: "\\"), !hunk.lines.isEmpty {
            hunk.lines[hunk.lines.count - 1].hasNewline = false
            i += 1
        }
        return hunk
    }

    /// `@@ -a[,b] +c[,d] @@[ section]`; an omitted count is 1.
    func parseHunkHeader(_ line: ByteLine) -> Hunk? {
        let text = line.headerText.bytes
        var p = 3  // after "@@ "
        func number() -> Int? {
            var value = 0, digits = 0
            while p < text.count, let d = InputBytes.digit(text[p]), digits < 10 {
                value = value * 10 + d; digits += 1; p += 1
            }
            return digits > 0 ? value : nil
        }
        func range(_ sign: UInt8) -> (Int, Int)? {
            guard p < text.count, text[p] == sign else { return nil }
            p += 1
            guard let start = number() else { return nil }
            var count = 1
            if p < text.count, text[p] == UInt8(ascii: ",") {
                p += 1
                guard let c = number() else { return nil }
                count = c
            }
            return (start, count)
        }
        guard let (oldStart, oldCount) = range(UInt8(ascii: "-")),
              p < text.count, text[p] == UInt8(ascii: " ") else { return nil }
        p += 1
        guard let (newStart, newCount) = range(UInt8(ascii: "+")),
              text.count >= p + 3,
              text[p] == UInt8(ascii: " "), text[p + 1] == UInt8(ascii: "@"), text[p + 2] == UInt8(ascii: "@")
        else { return nil }
        p += 3
        let section = String(decoding: text[p...], as: UTF8.self).trimmingWhitespace()
        return Hunk(oldStart: oldStart, oldCount: oldCount, newStart: newStart, newCount: newCount,
                    section: section)
    }

    func failure(at index: Int, _ message: String) -> InputError {
        InputError("diff line \(index + 1): \(message)")
    }
}

extension Hunk {
    /// `@@ -a,b +c,d @@` for messages.
    fileprivate var headerDescription: String {
        "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@"
    }
}

extension ByteLine {
    /// Three or more dashes alone on a line (trailing blanks allowed): a rule a mailer or a
    /// writer puts under a patch (`---` before quoted text, `------------------`), never a
    /// diff line in practice.
    fileprivate var isDashRule: Bool {
        var dashes = 0
        var inTrailingBlanks = false
        for byte in slice {
            if byte == UInt8(ascii: "-") && !inTrailingBlanks {
                dashes += 1
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0D {
                inTrailingBlanks = true
            } else {
                return false
            }
        }
        return dashes >= 3
    }
}
