import Testing
@testable import MMUReference

@Suite struct ExplorerTests {
    @Test(arguments: MMUSelection.allCases)
    func aCleanModelExploresWithoutViolation(selection: MMUSelection) {
        let report = Explorer.run(ExplorerOptions(seed: 7, steps: 20_000, selection: selection))
        #expect(report.counterexample == nil, "\(report.counterexample.map { $0.violation.description + "\n" + $0.trace.text } ?? "")")
        #expect(report.steps == 20_000)
        #expect(report.stats.accessesMapped > 1000)
        #expect(report.stats.rootsFreed > 0)
        switch selection {
        case .direct: #expect(report.stats.tdpPagesAllocated > 0 && report.stats.hugeLeavesInstalled > 0)
        case .shadow: #expect(report.stats.guestTableWritesTracked > 0 && report.stats.cachedRootHits > 0)
        case .both: #expect(report.stats.nestedLeavesInstalled > 0 && report.stats.differentialComparisons > 0)
        }
    }

    @Test(arguments: Mutant.allCases)
    func everyMutantIsCaughtFromSeed1AndItsShrunkTraceReplays(mutant: Mutant) throws {
        let report = Explorer.run(ExplorerOptions(seed: 1, steps: 200_000, mutant: mutant))
        let c = try #require(report.counterexample)
        #expect(c.trace.operations.count <= c.originalLength)
        // The printed trace parses back to the same trace and fails the same way.
        let parsed = try Trace.parse(c.trace.text)
        #expect(parsed == c.trace)
        #expect(Explorer.replay(parsed)?.violation.invariant == c.violation.invariant)
        // Without the mutant the same operations are fine: the bug, not the trace, is at fault.
        var clean = parsed
        clean.mutant = nil
        #expect(Explorer.replay(clean) == nil)
    }

    @Test func theSameSeedGivesTheSameRun() {
        let a = Explorer.run(ExplorerOptions(seed: 3, steps: 5_000))
        let b = Explorer.run(ExplorerOptions(seed: 3, steps: 5_000))
        #expect(a.stats == b.stats)
    }

    @Test func traceTextRoundTripsEveryOperation() throws {
        var rng = SplitMix64(seed: 11)
        let config = OperationGenerator.configuration(&rng, selection: .both)
        let vm = VM(configuration: config)
        var ops = OperationGenerator.setup(config)
        for _ in 0..<500 { ops.append(OperationGenerator.next(&rng, vm: vm)) }
        let trace = Trace(configuration: config, mutant: .zapWithoutTLBFlush, operations: ops)
        #expect(try Trace.parse(trace.text) == trace)
    }

    @Test func malformedTracesAreRejectedWithTheLine() {
        #expect(throws: TraceParseError.self) { try Trace.parse("access vcpu=0 page=1 w=0 u=0 x=0\n") }   // no config
        let config = "config " + Trace.format(VMConfiguration()) + "\n"
        do {
            _ = try Trace.parse(config + "# fine\nfrobnicate x=1\n")
            Issue.record("unknown operation accepted")
        } catch let e as TraceParseError {
            #expect(e.line == 3)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: TraceParseError.self) { try Trace.parse(config + "gpte table=1 index=600 clear\n") }
        #expect(throws: TraceParseError.self) { try Trace.parse(config + "mutant no-such-bug\n") }
    }
}
