import Testing
@testable import PatchLint

/// The byte fast paths of the sanitizer and the scrubber against their Character
/// reference implementations, on lines built from the pieces that drive their state
/// machines (comment edges, quotes, escapes) plus non-ASCII and CRLF.
@Suite("Core fast paths: sanitizer and scrubber")
struct CoreFastPathTextTests {
    static let pieces = ["a", " ", "\t", "/", "*", "\"", "'", "\\", "x", ";", "(", ")", "/*", "*/", "//", "é",
                         "\u{301}", "\r", "\n", "\r\n", "\u{1C}", "**"]
    static let lines = randomStrings(pieces, count: 3000, maxLength: 14, seed: 17)
        + ["", " * text", "*", " *", "\t*/", "*ptr = 1;", " *)x", "/* a */ b", "\"/* x */\"", "a // b", "'\\''",
           "s = \"a\\\"b\";", "  *\tx", " */", "é /* é */ \"é\"", "x\r\n", "\"abc\\"]

    @Test("scrub: bytes and Characters agree")
    func scrubAgrees() {
        for line in Self.lines {
            let fast = CodeScrubber.scrub(line)
            #expect(fast == CodeScrubber.scrubCharacters(line), "\(line.debugDescription)")
            #expect(fast.count == line.count)
        }
    }

    @Test("sanitize one line: bytes and Characters agree, state included")
    func sanitizeLineAgrees() {
        for line in Self.lines {
            for startComment in [false, true] {
                for startLiteral in [KernelSanitizer.Literal.none, .string, .char] {
                    var c1 = startComment, l1 = startLiteral
                    var c2 = startComment, l2 = startLiteral
                    let fast = KernelSanitizer.sanitize(line, inComment: &c1, literal: &l1)
                    let reference = KernelSanitizer.sanitizeCharacters(line, inComment: &c2, literal: &l2)
                    #expect(fast == reference, "\(line.debugDescription)")
                    #expect(c1 == c2 && l1 == l2, "\(line.debugDescription)")
                }
            }
        }
    }

    @Test("sanitize a hunk: the start-in-comment guess is unchanged by the byte prefilter")
    func hunkStartAgrees() {
        var rng = SplitMix64(seed: 23)
        let kinds: [DiffLine.Kind] = [.added, .removed, .context]
        for _ in 0..<800 {
            let hunk = (0..<Int.random(in: 1...5, using: &rng)).map { n in
                DiffLine(kind: kinds.randomElement(using: &rng)!, oldNumber: n, newNumber: n,
                         text: Self.lines.randomElement(using: &rng)!)
            }
            #expect(KernelSanitizer.startsInComment(hunk) == KernelSanitizer.startsInComment(hunk, bytePrefilter: false))
        }
    }

    @Test("display length: bytes and Characters agree")
    func displayLengthAgrees() {
        for line in Self.lines {
            #expect(KernelSanitizer.displayLength(line) == KernelSanitizer.displayLengthByCharacters(line))
            let tail = line.dropFirst(min(2, line.count))
            #expect(KernelSanitizer.displayLength(tail) == KernelSanitizer.displayLengthByCharacters(tail))
        }
        #expect(KernelSanitizer.displayLength("\tab\t\u{301}é") == 16 + 2 + 2)
    }
}

@Suite("Core fast paths: lexer")
struct CoreFastPathLexerTests {
    /// The list scan `punctuatorLength` replaces.
    static func listLength(_ bytes: [UInt8]) -> Int {
        for p in CLexer.punctuators where p.count <= bytes.count && Array(bytes[..<p.count]) == p { return p.count }
        return 1
    }

    @Test("punctuator lengths agree with the punctuator list for every ASCII triple")
    func punctuatorLengths() {
        let alphabet = Array("<>=!*/%+-&^|#.(a ".utf8)
        for a in alphabet {
            for b in alphabet + [0] {
                for c in alphabet + [0] {
                    let bytes = [a, b, c].prefix { $0 != 0 }.map { $0 }
                    let lengthInLine = b == 0 ? [a] : (c == 0 ? [a, b] : [a, b, c])
                    #expect(CLexer.punctuatorLength(a, b == 0 ? 0 : b, b == 0 ? 0 : c) == Self.listLength(lengthInLine),
                            "\(bytes)")
                }
            }
        }
    }

    @Test("lexing a line keeps every token's text and column")
    func tokensOfOneLine() {
        let tokens = CLexer.tokenize(["\tx->y >>= 2; a...b ## c != d /* k */ \"s\\\"t\" 'c' 1e+5"])
        #expect(tokens.map(\.text) == ["x", "->", "y", ">>=", "2", ";", "a", "...", "b", "##", "c", "!=", "d",
                                       "\"s\\\"t\"", "'c'", "1e+5"])
        #expect(tokens.map(\.column) == [1, 2, 4, 6, 10, 11, 13, 14, 17, 19, 22, 24, 27, 37, 44, 48])
    }
}

@Suite("Core fast paths: trimming")
struct CoreFastPathTrimTests {
    @Test("trimmingWhitespace: bytes and Characters agree, on strings and substrings")
    func trimAgrees() {
        let pieces = [" ", "\t", "\r", "\n", "\r\n", "a", "é", "\u{301}", "\u{600}", "x y", "\u{1F1E6}"]
        let texts = randomStrings(pieces, count: 3000, maxLength: 7, seed: 29)
            + ["", " ", "\r\n", " \r\n ", " \u{301}x", "x \u{301}", "\u{600} ", " \u{600}", "\r\r\n", "\n\r"]
        for text in texts {
            #expect(text.trimmingWhitespace() == text.trimmingWhitespaceByCharacters(), "\(text.debugDescription)")
            let tail = text.dropFirst(min(1, text.count))
            #expect(tail.trimmingWhitespace() == tail.trimmingWhitespaceByCharacters(), "\(tail.debugDescription)")
        }
    }
}

@Suite("Core fast paths: mail header lookup")
struct CoreFastPathMailHeaderTests {
    @Test("header names compare like lowercased() ==")
    func sameNameAgrees() {
        let names = ["Subject", "SUBJECT", "subject", "Subjec", "Subjects", "Message-Id", "message-ID", "X-Ünï",
                     "x-ünï", "X-ÜNÏ", "", "K", "k", "\u{212A}", "ß", "SS", "İ", "i̇"]
        for name in names {
            for key in names.map({ $0.lowercased() }) + ["subject", "message-id"] {
                #expect(MailHeaders.sameName(name, key) == (name.lowercased() == key), "\(name) vs \(key)")
            }
        }
        let headers = MailHeaders(fields: [.init(name: "Content-Type", value: "a"), .init(name: "content-type", value: "b")])
        #expect(headers["CONTENT-type"] == "a")
        #expect(headers.values("content-TYPE") == ["a", "b"])
    }
}

@Suite("Core fast paths: trailers")
struct CoreFastPathTrailerTests {
    @Test("the trailer block found from the end on bytes is the Character split's")
    func trailersAgree() {
        let pieces = ["\n", "\n", "\r", "\r\n", " ", "\t", "\u{0B}", "\u{A0}", "Signed-off-by: A <a@b>", "Cc: x",
                      "[tweak]", "text", "é", "Fixes: 123 (\"x\")", "  cont", "Key:", ":", "\u{2028}"]
        let bodies = randomStrings(pieces, count: 3000, maxLength: 9, seed: 31)
            + ["", "\n", "a\n\nSigned-off-by: A <a@b>\n", "a\n\nSigned-off-by: A\r\nCc: b\r\n", "x\n \u{A0}\nCc: y\n\n"]
        for body in bodies {
            #expect(TrailerParser.trailers(ofMessageBody: body) == TrailerParser.trailersByCharacters(ofMessageBody: body),
                    "\(body.debugDescription)")
        }
        #expect(TrailerParser.trailers(ofMessageBody: "Fix.\n\nSigned-off-by: A <a@b>\n  more\nCc: c\n").map(\.value)
                == ["A <a@b> more", "c"])
    }
}

@Suite("Core fast paths: blank collapsing")
struct CoreFastPathCollapseTests {
    @Test("collapsingBlanks: bytes and Characters agree")
    func collapseAgrees() {
        let texts = randomStrings([" ", "\t", "\r", "\n", "\r\n", "a", "b", "é", " \u{301}", "\u{0B}"],
                                  count: 2000, maxLength: 8, seed: 37)
        for text in texts {
            #expect(text.collapsingBlanks() == text.collapsingBlanksByCharacters(), "\(text.debugDescription)")
        }
        #expect("  a \r\n\t b  ".collapsingBlanks() == "a b")
    }
}

@Suite("Core fast paths: expression ends")
struct CoreFastPathExpressionTests {
    @Test("expressionEnds (one pass, array of depths) agrees with expressionEnd per position")
    func endsAgree() {
        let lines = randomStrings(["(", ")", "[", "]", "{", "}", ",", ";", "x", "=", "+", " "],
                                  count: 400, maxLength: 24, seed: 41)
        for line in lines {
            let tokens = CLexer.tokenize([line])
            for lower in [0, min(2, tokens.count)] {
                let range = lower..<tokens.count
                let ends = CExpressions.expressionEnds(tokens, range: range)
                for p in range {
                    #expect(ends(p) == CExpressions.expressionEnd(tokens, from: p, limit: range.upperBound), "\(line) @\(p)")
                }
            }
        }
    }
}

@Suite("Core fast paths: identifier bytes")
struct CoreFastPathIdentifierTests {
    @Test("the identifier masks accept exactly letters, _, $, (digits) and non-ASCII bytes")
    func masks() {
        for b in 0...255 {
            let c = UInt8(b)
            let start = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c == 36 || c >= 0x80
            #expect(CLexer.isIdentifierStart(c) == start, "\(b)")
            #expect(CLexer.isIdentifierPart(c) == (start || (c >= 48 && c <= 57)), "\(b)")
        }
    }
}

@Suite("Core fast paths: lexing diff lines")
struct CoreFastPathLexLinesTests {
    @Test("tokenize(lines:) equals tokenize of the texts, comments kept or not")
    func sameTokens() {
        let texts = ["#define X(a) \\", "\t(a + 1) /* c", " still */ int y;", "\"s\" // t", "é = 'x';", ""]
        let lines = texts.enumerated().map { DiffLine(kind: .added, oldNumber: nil, newNumber: $0.offset + 1, text: $0.element) }
        for keep in [false, true] {
            #expect(CLexer.tokenize(lines: lines, keepComments: keep) == CLexer.tokenize(texts, keepComments: keep))
        }
    }
}
