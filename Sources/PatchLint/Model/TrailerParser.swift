/// Finds the trailer block of a commit message the way `git interpret-trailers` does:
/// the last paragraph, when every non-continuation line in it is `Token: value`.
public enum TrailerParser {
    public static func trailers(ofMessageBody body: String) -> [Trailer] {
        if let paragraph = ASCIIBytes.withBytes(body, lastParagraph) {
            return trailers(inParagraph: paragraph)
        }
        return trailersByCharacters(ofMessageBody: body)
    }

    /// The definition, splitting the whole message into Character lines.
    static func trailersByCharacters(ofMessageBody body: String) -> [Trailer] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var end = lines.count
        while end > 0, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        var start = end
        while start > 0, !lines[start - 1].allSatisfy(\.isWhitespace) { start -= 1 }
        guard start < end else { return [] }
        return trailers(inParagraph: Array(lines[start..<end]))
    }

    /// The lines of the last paragraph as `trailersByCharacters` cuts them, found from
    /// the end on the bytes; nil when the body holds a CR LF (one Character, which the
    /// Character split does not cut at), so that it takes the Character path.
    private static func lastParagraph(_ bytes: UnsafeBufferPointer<UInt8>) -> [Substring]? {
        var previousWasCR = false
        for b in bytes {
            if previousWasCR && b == 0x0A { return nil }
            previousWasCR = b == 0x0D
        }
        // Lines from the last one backwards: (start, end) without the LF; a trailing CR
        // is a Character of its own (controls never join a cluster), dropped as there.
        var paragraph: [Range<Int>] = []
        var lineEnd = bytes.count
        var seenText = false
        while true {
            var lineStart = lineEnd
            while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = lineStart..<contentEnd
            if isBlank(bytes, line) {
                if seenText { break }
            } else {
                seenText = true
                paragraph.append(line)
            }
            if lineStart == 0 { break }
            lineEnd = lineStart - 1
        }
        return paragraph.reversed().map {
            Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self))
        }
    }

    /// `allSatisfy(\.isWhitespace)` over the line's Characters (on bytes when ASCII).
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for k in range {
            let b = bytes[k]
            if b >= 0x80 {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    .allSatisfy(\.isWhitespace)
            }
            if !(b == 0x20 || (b >= 0x09 && b <= 0x0D)) { return false }
        }
        return true
    }

    /// The trailers of the message's last paragraph (its lines, CR dropped).
    private static func trailers(inParagraph lines: [Substring]) -> [Trailer] {
        var result: [Trailer] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                // A continuation line belongs to the previous trailer.
                guard !result.isEmpty else { return [] }
                result[result.count - 1].value += " " + line.trimmingWhitespace()
                continue
            }
            guard let trailer = parse(line: line) else {
                // git accepts a block with some non-trailer lines when it has a
                // well-known trailer; kernel practice (a `[tweak]` note between tags) too.
                if line.hasPrefix("[") || line.hasPrefix("(") { continue }
                return []
            }
            result.append(trailer)
        }
        return result
    }

    /// Parses one `Token: value` line. Tokens are letters, digits and dashes.
    public static func parse<S: StringProtocol>(line: S) -> Trailer? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.startIndex..<colon]
        guard !key.isEmpty, key.first!.isLetter,
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        return Trailer(key: String(key), value: value)
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and CR/LF.
    func trimmingWhitespace() -> String {
        let fast: String?? = utf8.withContiguousStorageIfAvailable { Self.trimmingWhitespaceBytes($0) }
        if let fast, let fast { return fast }
        return trimmingWhitespaceByCharacters()
    }

    /// `trimmingWhitespaceByCharacters` on the bytes, or nil when a non-ASCII byte next
    /// to a trimmed blank could join it into a larger Character (a combining mark after
    /// a space, a prepended mark before one): those strings take the Character path. A
    /// CR LF pair is one Character that is none of the four, so it stops the trimming.
    private static func trimmingWhitespaceBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        let n = bytes.count
        var i = 0, j = n
        while i < n, isBlank(bytes[i]) {
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            if next >= 0x80 { return nil }
            if bytes[i] == 0x0D && next == 0x0A { break }
            i += 1
        }
        while j > i, isBlank(bytes[j - 1]) {
            let previous: UInt8 = j - 2 >= i ? bytes[j - 2] : 0
            if previous >= 0x80 { return nil }
            if bytes[j - 1] == 0x0A && previous == 0x0D { break }
            j -= 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
    }

    /// The definition, over Characters.
    func trimmingWhitespaceByCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }
}
