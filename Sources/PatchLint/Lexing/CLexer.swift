/// A small C lexer for patch text: good enough to find statements, calls and their
/// arguments in kernel code, forgiving where the input is a fragment (a hunk can start
/// inside a comment or end in the middle of a statement).
///
/// It works on a list of lines (the added or removed side of a hunk) and carries
/// block-comment and directive state from one line to the next. A backslash at the
/// end of a line joins it with the next (it produces no token).
public enum CLexer {
    /// Punctuators, longest first so that the first prefix that matches is the longest.
    static let punctuators: [[UInt8]] = [
        ">>=", "<<=", "...",
        "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
        "+=", "-=", "&=", "^=", "|=", "##",
    ].map { Array($0.utf8) }

    /// Tokens of `lines`; comments are returned only when `keepComments` is set.
    public static func tokenize(_ lines: [String], keepComments: Bool = false) -> [CToken] {
        var tokens: [CToken] = []
        var inBlockComment = false
        var directiveContinues = false
        for (lineIndex, line) in lines.enumerated() {
            ASCIIBytes.withBytes(line) { bytes in
                tokenizeLine(bytes, lineIndex: lineIndex, keepComments: keepComments, tokens: &tokens,
                             inBlockComment: &inBlockComment, directiveContinues: &directiveContinues)
            }
        }
        return tokens
    }

    /// `tokenize(lines.map(\.text))` without building the array of texts.
    static func tokenize(lines: [DiffLine], keepComments: Bool = false) -> [CToken] {
        var tokens: [CToken] = []
        var inBlockComment = false
        var directiveContinues = false
        for (lineIndex, line) in lines.enumerated() {
            ASCIIBytes.withBytes(line.text) { bytes in
                tokenizeLine(bytes, lineIndex: lineIndex, keepComments: keepComments, tokens: &tokens,
                             inBlockComment: &inBlockComment, directiveContinues: &directiveContinues)
            }
        }
        return tokens
    }

    /// One line's tokens, carrying the block-comment and directive state.
    private static func tokenizeLine(_ bytes: UnsafeBufferPointer<UInt8>, lineIndex: Int, keepComments: Bool,
                                     tokens: inout [CToken], inBlockComment: inout Bool,
                                     directiveContinues: inout Bool) {
        // An oversized line (`OversizedLine`) yields no tokens and leaves the comment
        // and directive state as it was.
        guard bytes.count <= OversizedLine.bytes else { return }
        var i = 0
        let n = bytes.count
        // A directive runs to the end of a line that does not end in a backslash.
        var lineEnd = n
        while lineEnd > 0, bytes[lineEnd - 1] == 0x20 || bytes[lineEnd - 1] == 0x09
            || bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let continues = lineEnd > 0 && bytes[lineEnd - 1] == UInt8(ascii: "\\")
        var inDirective = directiveContinues
        var sawToken = false
        func text(_ from: Int, _ to: Int) -> String {
            if to - from == 1, bytes[from] < 0x80 { return oneByteStrings[Int(bytes[from])] }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        func emit(_ kind: CToken.Kind, _ from: Int, _ to: Int) {
            if kind == .comment && !keepComments { return }
            tokens.append(CToken(kind: kind, text: text(from, to), line: lineIndex,
                                 column: from, inDirective: inDirective))
        }
        if inBlockComment {
            let start = 0
            while i < n, !(bytes[i] == UInt8(ascii: "*") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/")) {
                i += 1
            }
            if i < n {
                i += 2
                inBlockComment = false
            }
            emit(.comment, start, min(i, n))
        }
        while i < n {
            let c = bytes[i]
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x0B {
                i += 1
                continue
            }
            if c == UInt8(ascii: "\\") && i + 1 >= lineEnd {
                i = n  // line continuation
                continue
            }
            if c == UInt8(ascii: "/") && next == UInt8(ascii: "/") {
                emit(.comment, i, n)
                i = n
                continue
            }
            if c == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                let start = i
                i += 2
                inBlockComment = true
                while i < n {
                    if bytes[i] == UInt8(ascii: "*") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/") {
                        i += 2
                        inBlockComment = false
                        break
                    }
                    i += 1
                }
                emit(.comment, start, i)
                continue
            }
            if !sawToken && c == UInt8(ascii: "#") && !directiveContinues {
                inDirective = true
            }
            sawToken = true
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                let start = i
                i += 1
                while i < n, bytes[i] != c {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                i = min(i + 1, n)  // an unterminated literal ends with its line
                emit(c == UInt8(ascii: "\"") ? .string : .char, start, i)
                continue
            }
            if isIdentifierStart(c) {
                let start = i
                while i < n, isIdentifierPart(bytes[i]) { i += 1 }
                // L"wide", u8"utf8" prefixes stay part of the literal that follows.
                emit(.identifier, start, i)
                continue
            }
            if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(next)) {
                // A preprocessing number: digits, letters, dots, and signs after e/p.
                let start = i
                i += 1
                while i < n {
                    let d = bytes[i]
                    if isIdentifierPart(d) || d == UInt8(ascii: ".") {
                        i += 1
                    } else if (d == UInt8(ascii: "+") || d == UInt8(ascii: "-")),
                              bytes[i - 1] | 0x20 == UInt8(ascii: "e") || bytes[i - 1] | 0x20 == UInt8(ascii: "p"),
                              !(bytes[start] == UInt8(ascii: "0") && i - start >= 2
                                && (bytes[start + 1] | 0x20) == UInt8(ascii: "x")
                                && (bytes[i - 1] | 0x20) == UInt8(ascii: "e")) {
                        i += 1
                    } else {
                        break
                    }
                }
                emit(.number, start, i)
                continue
            }
            let matched = punctuatorLength(c, next, i + 2 < n ? bytes[i + 2] : 0)
            emit(.punct, i, i + matched)
            i += matched
        }
        directiveContinues = inDirective && continues
    }

    /// Length of the longest entry of `punctuators` that starts with bytes `c0 c1 c2`
    /// (0 stands for "past the end": no punctuator has a NUL), 1 when none does. The
    /// same answer as scanning the list, without touching its arrays per token.
    static func punctuatorLength(_ c0: UInt8, _ c1: UInt8, _ c2: UInt8) -> Int {
        let eq = UInt8(ascii: "="), lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), dot = UInt8(ascii: ".")
        if c2 == eq && ((c0 == gt && c1 == gt) || (c0 == lt && c1 == lt)) { return 3 }
        if c0 == dot && c1 == dot && c2 == dot { return 3 }
        switch c0 {
        case lt, gt, eq, UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"),
             UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "&"), UInt8(ascii: "^"), UInt8(ascii: "|"):
            if c1 == eq { return 2 }
        default:
            break
        }
        switch c0 {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), lt, gt, UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "#"):
            if c1 == c0 { return 2 }
        default:
            break
        }
        if c0 == UInt8(ascii: "-") && c1 == gt { return 2 }
        return 1
    }

    /// The text of every one-byte ASCII token, made once: most punctuators are one byte.
    private static let oneByteStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Letters, `_`, `$` and any non-ASCII byte.
    @inline(__always)
    static func isIdentifierStart(_ c: UInt8) -> Bool {
        // Bit k of `upper`: byte 64 + k is A-Z, `_` or a-z.
        let upper: UInt64 = 0x07FF_FFFE_87FF_FFFE
        if c >= 0x80 { return true }
        return c >= 64 ? (upper >> UInt64(c - 64)) & 1 == 1 : c == UInt8(ascii: "$")
    }

    /// `isIdentifierStart` or a digit: the identifier loop's test, one mask per half.
    @inline(__always)
    static func isIdentifierPart(_ c: UInt8) -> Bool {
        let upper: UInt64 = 0x07FF_FFFE_87FF_FFFE
        let lower: UInt64 = 0x03FF_0010_0000_0000  // `$` and 0-9
        if c >= 0x80 { return true }
        return c >= 64 ? (upper >> UInt64(c - 64)) & 1 == 1 : (lower >> UInt64(c)) & 1 == 1
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
