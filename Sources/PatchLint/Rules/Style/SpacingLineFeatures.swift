/// What SPACING's regex checks need a plain line to have, found in one pass over its
/// bytes (each is a necessary condition for its regex; `\s` is a blank on a plain
/// line). Replaces a dozen separate scans per line.
struct SpacingLineFeatures: Equatable {
    /// A blank then `(`: `functionSpaceParen`.
    var blankBeforeParen = false
    /// A `#`: `include`.
    var hash = false
    /// A blank then `;`: `spaceSemicolon`.
    var blankBeforeSemicolon = false
    /// `{` right after `)`, `e` or `o`: `braceAfterParen`, `braceAfterKeyword`.
    var braceAfterParenOrKeyword = false
    /// `}` followed by something other than `,;)}` or a blank: `closeBraceThenText`.
    var closeBraceThenText = false
    /// `[` then a blank: `openBracketSpace`.
    var bracketThenBlank = false
    /// A blank then `]`: `closeBracketSpace`.
    var blankBeforeBracket = false
    /// `(` then a blank: `openParenSpace`.
    var parenThenBlank = false
    /// A blank then `)`: `closeParenSpace`.
    var blankBeforeCloseParen = false
    /// `(` right after `if`, `for`, `while` or `switch`: `keywordParen`.
    var keywordBeforeParen = false

    init(_ line: PlainASCIILine) {
        let n = line.count
        var i = 0
        while i < n {
            let b = line[i]
            let prev: UInt8 = i > 0 ? line[i - 1] : 0
            let prevBlank = prev == 0x20 || prev == 0x09
            switch b {
            case UInt8(ascii: "("):
                if prevBlank { blankBeforeParen = true }
                if i + 1 < n && PlainASCIILine.isSpace(line[i + 1]) { parenThenBlank = true }
                if !keywordBeforeParen && i >= 2 {
                    switch prev {
                    case UInt8(ascii: "f"): keywordBeforeParen = line[i - 2] == UInt8(ascii: "i")
                    case UInt8(ascii: "r"): keywordBeforeParen = line.contains("for", at: i - 3)
                    case UInt8(ascii: "e"): keywordBeforeParen = line.contains("while", at: i - 5)
                    case UInt8(ascii: "h"): keywordBeforeParen = line.contains("switch", at: i - 6)
                    default: break
                    }
                }
            case UInt8(ascii: ")"):
                if prevBlank { blankBeforeCloseParen = true }
            case UInt8(ascii: "#"):
                hash = true
            case UInt8(ascii: ";"):
                if prevBlank { blankBeforeSemicolon = true }
            case UInt8(ascii: "{"):
                if prev == 0x29 || prev == 0x65 || prev == 0x6F { braceAfterParenOrKeyword = true }
            case UInt8(ascii: "}"):
                if i + 1 < n {
                    let next = line[i + 1]
                    if !(next == 0x2C || next == 0x3B || next == 0x29 || next == 0x7D || PlainASCIILine.isSpace(next)) {
                        closeBraceThenText = true
                    }
                }
            case UInt8(ascii: "["):
                if i + 1 < n && PlainASCIILine.isSpace(line[i + 1]) { bracketThenBlank = true }
            case UInt8(ascii: "]"):
                if prevBlank { blankBeforeBracket = true }
            default:
                break
            }
            i += 1
        }
    }
}
