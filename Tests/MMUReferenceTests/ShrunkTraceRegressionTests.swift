import Testing
@testable import MMUReference

/// Counterexamples as `model explore` printed them (shrunk), kept as regression tests: each
/// must still fail the same way with its mutant and pass without it.
@Suite struct ShrunkTraceRegressionTests {
    static let traces: [(invariant: InvariantName, text: String)] = [
        (.freeRootsFreesExactlyRequested, """
            # PREVIOUS(i) == BIT(i): freeing previous roots 0 and 1 also drops the current root.
            config tdp=1 tdp-levels=4 host-max-level=1 direct-mmu=1 direct-mmu-writable=0 policy=seed paging=4 smm=0 nested=0 vcpus=1
            mutant previous-root-bit-is-bit-i
            access vcpu=0 page=0x407 w=0 u=0 x=0
            free-roots vcpu=0 slots=0x6
            """),
        (.activeShadowRootMatchesCR3, """
            # The shadow twin keeps the root of CR3 1 for CR3 4.
            config tdp=1 tdp-levels=4 host-max-level=1 direct-mmu=1 direct-mmu-writable=1 policy=seed paging=4 smm=0 nested=0 vcpus=1
            mutant cached-root-ignores-cr3
            differential
            access vcpu=0 page=0x406 w=1 u=1 x=0
            cr3 vcpu=0 gfn=0x4
            """),
        (.shadowPermissionsWithinGuest, """
            # CR0.WP = 0 supervisor write to a read-only user page leaves the SPTE user-writable.
            config tdp=1 tdp-levels=4 host-max-level=1 direct-mmu=1 direct-mmu-writable=0 policy=refcounted paging=4 smm=0 nested=0 vcpus=1
            mutant cr0wp0-supervisor-write-keeps-user
            differential
            add-memslot as=0 id=0 gfn=0x0 pages=0x400 hfn-offset=0x0 ro=0 log=0
            gpte table=0x1 index=0 p=1 w=1 u=1 nx=0 a=0 d=0 ps=0 frame=0x4
            gpte table=0x4 index=0 p=1 w=1 u=1 nx=0 a=0 d=0 ps=0 frame=0x5
            gpte table=0x5 index=0 p=1 w=1 u=1 nx=0 a=0 d=0 ps=0 frame=0x6
            gpte table=0x6 index=5 p=1 w=0 u=1 nx=1 a=0 d=0 ps=0 frame=0x15
            cr0-wp vcpu=0 on=0
            access vcpu=0 page=0x5 w=1 u=0 x=0
            """),
    ]

    @Test(arguments: 0..<traces.count)
    func replaysFailWithTheMutantAndPassWithout(index: Int) throws {
        let (invariant, text) = Self.traces[index]
        let trace = try Trace.parse(text)
        let hit = try #require(Explorer.replay(trace))
        #expect(hit.violation.invariant == invariant)
        #expect(hit.operationIndex == trace.operations.count - 1)
        var fixed = trace
        fixed.mutant = nil
        #expect(Explorer.replay(fixed) == nil)
    }
}
