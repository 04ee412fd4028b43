import Testing
@testable import MMUReference

@Suite struct DifferentialPairTests {
    @Test func theTwinsAgreeOnTheStandardGuest() {
        var rng = SplitMix64(seed: 5)
        var pair = DifferentialPair(configuration: VMConfiguration(), mutant: nil)
        for op in OperationGenerator.setup(VMConfiguration()) { #expect(pair.apply(op) == nil) }
        var mapped = 0
        for _ in 0..<3000 {
            let op = OperationGenerator.next(&rng, vm: pair.tdp)
            let a = pair.tdp.apply(op)
            let b = pair.shadow.apply(op)
            #expect(DifferentialPair.compare(a, b, op) == nil)
            if case .mapped? = a { mapped += 1 }
        }
        #expect(mapped > 100)
        #expect(InvariantChecker.checkAll(pair.tdp) == nil && InvariantChecker.checkAll(pair.shadow) == nil)
    }

    @Test func aTranslationDifferenceIsReported() {
        var pair = DifferentialPair(configuration: VMConfiguration(), mutant: nil)
        for op in OperationGenerator.setup(VMConfiguration()) { _ = pair.apply(op) }
        let access = Operation.access(vcpu: 0, page: 0x2, write: false, user: false, fetch: false)
        #expect(pair.apply(access) == nil)
        // Change the TDP VM's guest table behind the model's back: the twins now disagree.
        let hfn = pair.tdp.memslots[0][0].hfn(for: 6)
        pair.tdp.memory.write(hfn: hfn, index: 2, GuestPTE(frame: 0x33))
        #expect(pair.apply(access)?.invariant == .tdpAndShadowTranslateAlike)
    }

    @Test func differentialTracesRoundTripAndReplay() throws {
        var ops = OperationGenerator.setup(VMConfiguration())
        ops.append(.access(vcpu: 0, page: 0x2, write: true, user: false, fetch: false))
        let trace = Trace(configuration: VMConfiguration(), differential: true, operations: ops)
        let parsed = try Trace.parse(trace.text)
        #expect(parsed.differential && parsed == trace)
        #expect(Explorer.replay(parsed) == nil)
    }
}
