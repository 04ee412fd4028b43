/// Blanks out comments and the contents of string and character literals on one
/// line of C, so that pattern rules do not fire on prose. Quotes are kept (so a
/// rule can still see that a string is there); the result has the same length in
/// characters as the input, so column positions stay valid.
///
/// Works line by line: a line that starts with `*` or `/*` (inside or opening a
/// block comment, kernel style) is treated as comment.
public enum CodeScrubber {
    public static func scrub(_ line: String) -> String {
        let fast: String? = ASCIIBytes.withBytes(line) { bytes in
            ASCIIBytes.isOneBytePerCharacter(bytes) ? scrubBytes(bytes) : nil
        }
        return fast ?? scrubCharacters(line)
    }

    /// `scrubCharacters` over a line where each byte is one Character (plain ASCII,
    /// no CRLF): the same decisions, writing bytes.
    private static func scrubBytes(_ chars: UnsafeBufferPointer<UInt8>) -> String {
        let space: UInt8 = 0x20, tab: UInt8 = 0x09, slash: UInt8 = 0x2F, star: UInt8 = 0x2A
        let dquote: UInt8 = 0x22, squote: UInt8 = 0x27, backslash: UInt8 = 0x5C
        let n = chars.count
        var t = 0
        while t < n && (chars[t] == space || chars[t] == tab) { t += 1 }
        if t < n && chars[t] == star {
            let after: UInt8? = t + 1 < n ? chars[t + 1] : nil
            if after != slash && after != 0x29 /* ) */ {
                if after == nil || after == space || after == tab {
                    return String(repeating: " ", count: n)
                }
            }
        }
        enum State { case code, string, char, blockComment }
        return ASCIIBytes.string(n) { out in
            var state = State.code
            var i = 0
            while i < n {
                let c = chars[i]
                let hasNext = i + 1 < n
                let next: UInt8 = hasNext ? chars[i + 1] : 0
                switch state {
                case .code:
                    if c == slash && hasNext && next == slash {
                        for k in i..<n { out[k] = space }
                        i = n
                        continue
                    } else if c == slash && hasNext && next == star {
                        state = .blockComment
                        out[i] = space; out[i + 1] = space
                        i += 2
                        continue
                    } else if c == dquote {
                        state = .string
                    } else if c == squote {
                        state = .char
                    }
                    out[i] = c
                case .string, .char:
                    let quote = state == .string ? dquote : squote
                    if c == backslash && hasNext {
                        out[i] = space; out[i + 1] = space
                        i += 2
                        continue
                    } else if c == quote {
                        state = .code
                        out[i] = c
                    } else {
                        out[i] = space
                    }
                case .blockComment:
                    if c == star && hasNext && next == slash {
                        state = .code
                        out[i] = space; out[i + 1] = space
                        i += 2
                        continue
                    }
                    out[i] = space
                }
                i += 1
            }
        }
    }

    /// The reference implementation over `Character`s, for any line.
    static func scrubCharacters(_ line: String) -> String {
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
