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
