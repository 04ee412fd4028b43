import MMUReference
import Testing

/// The streaming runner behind `mmu-review model access`: one result line per input
/// line whatever the chunking, errors with line numbers, odd whitespace.
@Suite("Paging: access contract stream")
struct PagingAccessStreamTests {
    static func run(_ text: String, chunkSize: Int = 1 << 16, maxPhysicalAddressBits: Int = 46,
                    cacheBits: Int = 16) throws -> String
    {
        var input = ByteArraySource(text, chunkSize: chunkSize)
        var output = ByteArraySink()
        try AccessContractStream(
            contract: AccessContract(maxPhysicalAddressBits: maxPhysicalAddressBits), cacheBits: cacheBits)
            .run(input: &input, output: &output)
        return output.text
    }

    static func expected(_ lines: [String], maxPhysicalAddressBits: Int = 46) throws -> String {
        let contract = AccessContract(maxPhysicalAddressBits: maxPhysicalAddressBits)
        return try lines.map { contract.resultLine(for: try AccessFlagSet(parsing: $0)) + "\n" }.joined()
    }

    @Test func contractExample() throws {
        #expect(try Self.run("pte.p pte.user pde.p pde.rw pde.user access.user access.write\n")
                == "fault=1 ec=0x7 pte.a=0 pte.d=0 pde.a=1 pde.d=0\n")
    }

    @Test("any chunking gives the same lines", arguments: [1, 2, 3, 7, 16, 17, 4096])
    func chunking(chunkSize: Int) throws {
        let sets = PagingAccessOracleTests.randomSets(count: 300, seed: 99)
        let lines = sets.map { AccessFlagSet(rawValue: $0).description } + ["", "pde.p"]
        let text = lines.joined(separator: "\n") + "\n"
        #expect(try Self.run(text, chunkSize: chunkSize) == Self.expected(lines))
        #expect(try Self.run(text, chunkSize: chunkSize, maxPhysicalAddressBits: 36)
                == Self.expected(lines, maxPhysicalAddressBits: 36))
    }

    @Test func whitespaceEmptyLinesAndMissingFinalNewline() throws {
        let text = "\n  pte.p\t pde.p  \r\npde.p pde.p pde.pse\n\n   \npte.p pde.p access.write"
        let lines = ["", "pte.p pde.p", "pde.p pde.pse", "", "", "pte.p pde.p access.write"]
        #expect(try Self.run(text) == Self.expected(lines))
        #expect(try Self.run("") == "")
        #expect(try Self.run("\n") == Self.expected([""]))
    }

    @Test func memoisedLinesStayCorrect() throws {
        // Many repeats and far more distinct sets than a 16-slot cache has slots.
        let sets = PagingAccessOracleTests.randomSets(count: 2000, seed: 3)
        let lines = (sets + sets.prefix(500) + sets.prefix(20) + sets.prefix(20))
            .map { AccessFlagSet(rawValue: $0).description }
        #expect(try Self.run(lines.joined(separator: "\n"), cacheBits: 4) == Self.expected(lines))
    }

    @Test func unknownFlagNamesFlagAndLine() throws {
        let text = "pte.p\npde.p\npde.p pte.bogus pte.p\npte.p\n"
        for chunkSize in [1, 3, 5, 64] {
            var input = ByteArraySource(text, chunkSize: chunkSize)
            var output = ByteArraySink()
            #expect(throws: AccessContractError.unknownFlag("pte.bogus", line: 3)) {
                try AccessContractStream(contract: AccessContract()).run(input: &input, output: &output)
            }
            // The lines before the bad one were answered, nothing after.
            #expect(output.text == (try Self.expected(["pte.p", "pde.p"])), "chunk \(chunkSize)")
        }
    }

    @Test func unknownFlagEdgeCases() throws {
        func error(_ text: String, chunkSize: Int = 64) -> AccessContractError? {
            var input = ByteArraySource(text, chunkSize: chunkSize)
            var output = ByteArraySink()
            do {
                try AccessContractStream(contract: AccessContract()).run(input: &input, output: &output)
                return nil
            } catch {
                return error as? AccessContractError
            }
        }
        let long = String(repeating: "x", count: 40)
        #expect(error("pte.p \(long)\n") == .unknownFlag(long, line: 1))
        #expect(error("pte.p \(long)", chunkSize: 7) == .unknownFlag(long, line: 1))
        let huge = String(repeating: "y", count: 5000)
        #expect(error("pde.p\npte.p \(huge) pde.p\n", chunkSize: 100)
                == .unknownFlag(String(huge.prefix(4096)), line: 2))
        #expect(error("\n\nPTE.P") == .unknownFlag("PTE.P", line: 3))
        #expect(error("pte.p,pde.p\n") == .unknownFlag("pte.p,pde.p", line: 1))
        #expect(error("pte.p\u{1B}[31m\n") == .unknownFlag("pte.p?[31m", line: 1))
        // A prefix or extension of a flag is not the flag.
        #expect(error("pte.pp") == .unknownFlag("pte.pp", line: 1))
        #expect(error("access.twic") == .unknownFlag("access.twic", line: 1))
        #expect(AccessContractError.unknownFlag("x", line: 4).description == "line 4: unknown flag 'x'")
    }
}
