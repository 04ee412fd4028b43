/// Finds the trailer block of a commit message the way `git interpret-trailers` does:
/// the last paragraph, when every non-continuation line in it is `Token: value`.
public enum TrailerParser {
    public static func trailers(ofMessageBody body: String) -> [Trailer] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var end = lines.count
        while end > 0, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        var start = end
        while start > 0, !lines[start - 1].allSatisfy(\.isWhitespace) { start -= 1 }
        guard start < end else { return [] }
        var result: [Trailer] = []
        for line in lines[start..<end] {
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
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }
}
