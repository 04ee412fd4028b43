import Foundation
import Testing
import TestSupport

/// `mmu-review model access` through the binary: the contract's example, one result
/// line per input line, nothing else on stdout, and exit 2 naming an unknown flag.
@Suite("model access CLI")
struct ModelAccessCLITests {
    let cwd = FileManager.default.temporaryDirectory.path

    @Test("the contract's example and line-for-line streaming")
    func example() throws {
        let input = "pte.p pte.user pde.p pde.rw pde.user access.user access.write\n\npde.p pde.pse pde.rw access.write\n"
        let result = try ProductBinary.run(["model", "access"], directory: cwd, input: Data(input.utf8))
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == "fault=1 ec=0x7 pte.a=0 pte.d=0 pde.a=1 pde.d=0")
        #expect(lines[1].hasPrefix("fault=1 ec=0x"))  // the empty set: nothing present
        #expect(lines[2] == "fault=0 ec=0x0 pte.a=- pte.d=- pde.a=1 pde.d=1")
    }

    @Test("an unknown flag: exit 2, the flag and line number on stderr")
    func unknownFlag() throws {
        let result = try ProductBinary.run(["model", "access", "--maxphyaddr", "36"], directory: cwd,
                                           input: Data("pte.p\npte.p pte.bogus\n".utf8))
        #expect(result.status == 2)
        #expect(result.stderrText.contains("line 2") && result.stderrText.contains("pte.bogus"))
    }
}
