import Testing
@testable import PatchLint

/// The hygiene rules' line splitting and regex gates against the Character split
/// and the regexes they stand in for.
@Suite("Style fast paths: commit message hygiene")
struct StyleFastPathHygieneTests {
    static let messageLines = [
        "Signed-off-by: A <a@example.org>", "  signed-off-by: b", "Co-developed-by: C <c@x>", "Cc: x",
        "Not-signed-off-by: y", "Fixes: 123456789abc (\"x\")", "WARNING: CPU: 0 PID: 1", "BUG: kernel NULL",
        "[  123.456789] kvm: oops", "[<ffffffff81000000>] foo", "  RIP: 0010:foo+0x1/0x2", "#0 [ffff] bar at ffff",
        " x: y", "plain text", "", "\t", "é: ü", "ſigned-off-by: z", "to: a", "a b: c", "-by:", ":", "x-by :",
    ]

    @Test("splitting at bytes gives the Character split when there is no CR")
    func split() {
        var rng = StyleFastPathCorpus.Generator(seed: 5)
        let pieces = Self.messageLines + ["\n", "\n", "\n\n", "é\n", "\u{301}\n", "x"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for omitting in [true, false] {
                #expect(TextLines.split(text, omittingEmptySubsequences: omitting)
                        == text.split(separator: "\n" as Character, omittingEmptySubsequences: omitting))
            }
        }
        let crlf = "a\r\nb\nc"
        #expect(TextLines.split(crlf, omittingEmptySubsequences: false)
                == crlf.split(separator: "\n" as Character, omittingEmptySubsequences: false))
    }

    @Test("the byte gates never rule out a line the regexes match")
    func gates() {
        let lines = Self.messageLines + StyleFastPathCorpus.lines(count: 2_000, maxPieces: 5)
        var matched = (signOff: 0, dump: 0, signature: 0)
        for line in lines where PlainASCIILine.isPlain(line) {
            if CommitLogLongLineRule.signOff.matches(line) {
                matched.signOff += 1
                #expect(CommitLogLongLineRule.maySignOff(line), "\(line.debugDescription)")
            }
            if CommitLogLongLineRule.stackDumpStart.matches(line) {
                matched.dump += 1
                #expect(CommitLogLongLineRule.mayStartStackDump(line), "\(line.debugDescription)")
            }
            if BadSignOffRule.signatureLine.matches(line) {
                matched.signature += 1
                #expect(BadSignOffRule.mayBeSignature(line), "\(line.debugDescription)")
            }
        }
        #expect(matched.signOff >= 2 && matched.dump >= 5 && matched.signature >= 5)
    }
}
