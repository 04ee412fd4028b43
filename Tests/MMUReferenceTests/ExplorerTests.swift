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

@Suite struct HostileTraceTests {
    @Test func extremeValuesAreRejectedOrHarmless() throws {
        let text = """
            config tdp=1 tdp-levels=5 host-max-level=3 direct-mmu=1 direct-mmu-writable=1 policy=refcounted paging=off smm=1 nested=1 vcpus=2
            add-memslot as=0 id=0 gfn=0xfffffffffffffff0 pages=0x20 hfn-offset=0x0 ro=0 log=1
            add-memslot as=0 id=1 gfn=0xfffffffff0 pages=0x10 hfn-offset=0xffffffffffffffff ro=0 log=1
            add-memslot as=1 id=2 gfn=0xfffffffff0 pages=0x10 hfn-offset=0x0 ro=0 log=1
            access vcpu=0 page=0xffffffffffffffff w=1 u=1 x=1
            smm-enter vcpu=1
            access vcpu=1 page=0xfffffffff5 w=1 u=0 x=0
            move-memslot as=1 id=2 gfn=0xffffffffffffffff
            zap gfn=0xffffffffffffff00 pages=0xffffffffffffffff
            free-roots vcpu=1 slots=0xff
            gpte table=0xffffffffffffffff index=511 p=1 w=1 u=1 nx=0 a=0 d=0 ps=1 frame=0xffffffffffffffff
            """
        let trace = try Trace.parse(text)
        #expect(Explorer.replay(trace) == nil)
        var vm = VM(configuration: trace.configuration)
        for op in trace.operations { vm.apply(op) }
        #expect(vm.memslots[0].slots.isEmpty)
        #expect(vm.memslots[1].slots.count == 1 && vm.memslots[1][0].dirtyGfns == [0xfffffffff5])
    }
}
