import Foundation
import Testing
@testable import PatchLint

/// SPACING's byte-level path on plain ASCII lines against the Character/regex path
/// it stands in for.
@Suite("Style fast paths: SPACING")
struct StyleFastPathSpacingTests {
    @Test("plain lines are ASCII without \\n \\v \\f \\r")
    func plainLine() {
        #expect(PlainASCIILine("\tif (x) {\u{1C}") != nil)
        #expect(PlainASCIILine("") != nil)
        #expect(PlainASCIILine("a\rb") == nil)
        #expect(PlainASCIILine("a\u{0B}") == nil)
        #expect(PlainASCIILine("a\u{0C}") == nil)
        #expect(PlainASCIILine("é") == nil)
        #expect(PlainASCIILine("a\u{37E}") == nil)
        let line = PlainASCIILine("ab (cd")!
        #expect(line.containsPair(0x20, 0x28))
        #expect(!line.containsPair(0x28, 0x20))
        #expect(line.contains("(cd"))
        #expect(!line.contains("(cde"))
        #expect(line.contains(0x28, after: { $0 == 0x20 }))
        #expect(!line.contains(0x28, before: { $0 == 0x20 }))
        #expect(!line.contains(0x64, before: { _ in true }))  // the last byte has no next
    }

    @Test("the byte path gives the Character path's messages on generated lines")
    func generatedLines() {
        var reported = 0
        let lines = StyleFastPathCorpus.lines(count: 6_000)
        for line in lines {
            guard let plain = PlainASCIILine(line) else { continue }
            if !SpacingRule.plainMessages(line, plain, colonContext: { (true, nil) }).isEmpty { reported += 1 }
            for context in [(true, nil), (false, nil), (false, "\tcase A ...")] as [(Bool, String?)] {
                let fast = SpacingRule.plainMessages(line, plain, colonContext: { context })
                let slow = SpacingRule.characterMessages(for: line, colonContext: { context })
                #expect(fast.map(\.0) == slow.map(\.0), "\(line.debugDescription)")
                #expect(fast.map(\.1) == slow.map(\.1), "\(line.debugDescription)")
            }
        }
        // The lines exercise the checks: most of them get some message.
        #expect(reported > lines.count / 2)
    }

    @Test("function names before a spaced ( are found where the regex finds them")
    func functionNames() {
        for line in StyleFastPathCorpus.lines(count: 5_000) + ["9ab (", "a1 \t(b (", "x(", "if  (", " ("] {
            guard let plain = PlainASCIILine(line) else { continue }
            let fast = SpacingRule.functionSpaceParenNames(plain).map { plain.string($0) }
            let slow = SpacingRule.functionSpaceParen.allMatches(line).map { $0.groups[1]! }
            #expect(fast == slow, "\(line.debugDescription)")
        }
    }

    @Test("the keyword-before-paren scan agrees with substring search")
    func keywordBeforeParen() {
        for line in StyleFastPathCorpus.lines(count: 3_000) + ["if(", "xfor(", "while(", "(switch(", "f(", "(("] {
            guard let plain = PlainASCIILine(line) else { continue }
            let slow = line.contains("if(") || line.contains("for(") || line.contains("while(") || line.contains("switch(")
            #expect(SpacingRule.hasKeywordBeforeParen(plain) == slow, "\(line.debugDescription)")
        }
    }

    @Test("the plain substring search answers like Foundation's contains")
    func substringSearch() {
        let lines = StyleFastPathCorpus.lines(count: 500, maxPieces: 4)
        var rng = StyleFastPathCorpus.Generator(seed: 3)
        for (a, b) in zip(lines, lines.shuffled(using: &rng)) {
            for needle in [b, String(b.prefix(2)), String(a.dropFirst().prefix(3)), ""] {
                #expect(PlainASCIILine.contains(a, needle) == a.contains(needle), "\(a.debugDescription) \(needle.debugDescription)")
            }
        }
        #expect(PlainASCIILine.contains("café_dirty", "é_d") == "café_dirty".contains("é_d"))
        for line in lines {
            guard let plain = PlainASCIILine(line) else { continue }
            #expect(plain.contains("_ATTR") == line.contains("_ATTR"))
            #expect(plain.contains("if(") == line.contains("if("))
            #expect(plain.contains("*/") == line.contains("*/"))
            #expect(plain.contains("__") == line.contains("__"))
            #expect(plain.contains("x") == line.contains("x"))
            #expect(plain.contains("const") == line.contains("const"))
        }
    }

    @Test("the byte statement shape matches the Character one")
    func statementShape() {
        let cm = String(KernelSanitizer.commentMark)
        let extra = ["#define X \\", "#include <x>", "\\", "#\\", " " + cm + "# x", "x; \\", "x \\ " + cm, "", cm,
                     "\tcase 1:", "}", "{", "x(a,", "\t#  if X", "a; " + cm + cm]
        for line in StyleFastPathCorpus.lines(count: 4_000) + extra {
            guard let plain = PlainASCIILine(line) else { continue }
            #expect(SpacingRule.plainStatementShape(plain) == SpacingRule.statementShape(line), "\(line.debugDescription)")
        }
    }

    @Test("lines that are not plain ASCII keep the Character path")
    func nonASCII() {
        // U+037E GREEK QUESTION MARK is a ';' to Swift's Character comparison.
        let greek = "x = 1\u{37E}y"
        #expect(PlainASCIILine(greek) == nil)
        #expect(SpacingRule.messages(for: greek).map(\.0)
                == SpacingRule.characterMessages(for: greek, colonContext: { (true, nil) }).map(\.0))
        #expect(SpacingRule.messages(for: "é=1;").map(\.0) == ["spaces required around that '=' (ctx:VxV)"])
    }

    @Test("the statement head is only looked up for a line with a colon")
    func colonContextIsLazy() {
        var asked = 0
        _ = SpacingRule.messages(for: "\tx = a + b;", colonContext: { asked += 1; return (true, nil) })
        #expect(asked == 0)
        _ = SpacingRule.messages(for: "\tvalue :", colonContext: { asked += 1; return (false, nil) })
        #expect(asked == 1)
    }
}

extension StyleFastPathSpacingTests {
    @Test("the one-pass line features equal the separate byte tests")
    func lineFeatures() {
        let isSpace = PlainASCIILine.isSpace
        for line in StyleFastPathCorpus.lines(count: 4_000) + ["if(", "(", ")", "} x", "}", "[ ", " ]", "else{", "do{"] {
            guard let plain = PlainASCIILine(line) else { continue }
            let has = SpacingLineFeatures(plain)
            #expect(has.blankBeforeParen == (plain.containsPair(0x20, 0x28) || plain.containsPair(0x09, 0x28)))
            #expect(has.hash == plain.contains(UInt8(ascii: "#")))
            #expect(has.blankBeforeSemicolon == (plain.containsPair(0x20, 0x3B) || plain.containsPair(0x09, 0x3B)))
            #expect(has.braceAfterParenOrKeyword
                    == plain.contains(UInt8(ascii: "{"), after: { $0 == 0x29 || $0 == 0x65 || $0 == 0x6F }))
            #expect(has.closeBraceThenText == plain.contains(UInt8(ascii: "}"), before: { b in
                !(b == 0x2C || b == 0x3B || b == 0x29 || b == 0x7D || isSpace(b))
            }))
            #expect(has.bracketThenBlank == plain.contains(UInt8(ascii: "["), before: isSpace))
            #expect(has.blankBeforeBracket == plain.contains(UInt8(ascii: "]"), after: isSpace))
            #expect(has.parenThenBlank == plain.contains(UInt8(ascii: "("), before: isSpace))
            #expect(has.blankBeforeCloseParen == plain.contains(UInt8(ascii: ")"), after: isSpace))
            #expect(has.keywordBeforeParen == SpacingRule.hasKeywordBeforeParen(plain), "\(line.debugDescription)")
        }
    }
}
