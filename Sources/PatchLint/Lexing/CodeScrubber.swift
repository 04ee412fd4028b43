/// Blanks out comments and the contents of string and character literals on one
/// line of C, so that pattern rules do not fire on prose. Quotes are kept (so a
/// rule can still see that a string is there); the result has the same length in
/// characters as the input, so column positions stay valid.
///
/// Works line by line: a line that starts with `*` or `/*` (inside or opening a
/// block comment, kernel style) is treated as comment.
public enum CodeScrubber {
    public static func scrub(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix("*") && !trimmed.hasPrefix("*/") && !trimmed.hasPrefix("*)") {
            // `*ptr = x;` is code, ` * text` is a comment line: kernel comment
            // continuation lines have a space or nothing after the star.
            let afterStar = trimmed.dropFirst()
            if afterStar.isEmpty || afterStar.first == " " || afterStar.first == "\t"
                || afterStar.first == "/" {
                return String(repeating: " ", count: line.count)
            }
        }
        var out = ""
        out.reserveCapacity(line.utf8.count)
        enum State { case code, string, char, blockComment }
        var state = State.code
        var chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch state {
            case .code:
                if c == "/" && next == "/" {
                    out += String(repeating: " ", count: chars.count - i)
                    i = chars.count
                    continue
                } else if c == "/" && next == "*" {
                    state = .blockComment
                    out += "  "
                    i += 2
                    continue
                } else if c == "\"" {
                    state = .string
                } else if c == "'" {
                    state = .char
                }
                out.append(c)
            case .string, .char:
                let quote: Character = state == .string ? "\"" : "'"
                if c == "\\" && next != nil {
                    out += "  "
                    i += 2
                    continue
                } else if c == quote {
                    state = .code
                    out.append(c)
                } else {
                    out.append(" ")
                }
            case .blockComment:
                if c == "*" && next == "/" {
                    state = .code
                    out += "  "
                    i += 2
                    continue
                }
                out.append(" ")
            }
            i += 1
        }
        chars.removeAll()
        return out
    }
}
