import Testing
@testable import MMUReference

/// The standard guest tables (OperationGenerator.setup): CR3 1 -> 4 -> 5; table 5 entry 0
/// -> table 6 (4K pages 0x10...0x17), entry 1 -> table 7, entry 2 a 2M page at 0x200.
/// Linear page 0x0NN with L1 index i maps gfn 0x10 + i through table 6.
@Suite struct ShadowMMUTests {
    func shadowVM(vcpus: Int = 1, mutant: Mutant? = nil) -> VM {
        standardVM(tdp: false, directMMU: false, smm: true, nested: true, vcpus: vcpus, mutant: mutant)
    }

    @Test func shadowPagesShadowTheGuestTablesTheWalkUsed() {
        var vm = shadowVM()
        #expect(vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false)) == nil)
        let indirect = vm.pages.filter { !$0.freed && !$0.isTDP && !$0.role.direct }
        #expect(Set(indirect.map(\.gfn)) == [1, 4, 5, 6])
        #expect(vm.pureDirect == false)
        for gfn: UInt64 in [1, 4, 5, 6] { #expect(vm.writeTracked[0][gfn] == 1) }
    }

    @Test func sameGfnDifferentRoleGetsAnotherPageSameRoleIsShared() {
        var vm = shadowVM(vcpus: 2)
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        let count = vm.pages.count
        _ = vm.step(.access(vcpu: 1, page: 0x0, write: false, user: false, fetch: false))
        #expect(vm.pages.count == count)                          // same CR3, same role: shared
        #expect(vm.pages[vm.vcpus[0].rootMMU.root.page].rootCount == 2)
        _ = vm.step(.setCR0WP(vcpu: 1, on: false))
        _ = vm.step(.access(vcpu: 1, page: 0x0, write: false, user: false, fetch: false))
        #expect(vm.pages.count > count)                           // cr0_wp differs: new pages
        #expect(InvariantChecker.checkAll(vm) == nil)
    }

    @Test func aGuestReadOnlyPageIsNeverShadowedWritable() {
        var vm = shadowVM()
        // L1 index 1 -> gfn 0x11: guest R/W = 0.
        #expect(vm.step(.access(vcpu: 0, page: 0x1, write: false, user: false, fetch: false)) == nil)
        #expect(vm.liveLeaves { _, e in e.gfn == 0x11 }.allSatisfy { !$0.1.writable })
        #expect(vm.access(vcpu: 0, page: 0x1, write) == .guestFault(errorCode: 0x3))
    }

    @Test func aCleanGuestPageIsMappedReadOnlyUntilTheFirstWrite() {
        var vm = shadowVM()
        // L1 index 4 -> gfn 0x14: writable, D clear.
        _ = vm.step(.access(vcpu: 0, page: 0x4, write: false, user: false, fetch: false))
        #expect(vm.liveLeaves { _, e in e.gfn == 0x14 }.allSatisfy { !$0.1.writable })
        #expect(vm.step(.access(vcpu: 0, page: 0x4, write: true, user: false, fetch: false)) == nil)
        #expect(vm.liveLeaves { _, e in e.gfn == 0x14 }.contains { $0.1.writable })
        #expect(vm.memory.entry(hfn: vm.memslots[0][0].hfn(for: 6), index: 4)?.dirty == true)
    }

    @Test func cr0WPClearSupervisorWriteMapsWritableButNotUser() {
        var vm = shadowVM()
        _ = vm.step(.setCR0WP(vcpu: 0, on: false))
        #expect(vm.step(.access(vcpu: 0, page: 0x1, write: true, user: false, fetch: false)) == nil)
        let leaf = vm.liveLeaves { _, e in e.gfn == 0x11 }
        #expect(leaf.count == 1 && leaf[0].1.writable && !leaf[0].1.user)
    }

    @Test func writingAShadowedGuestTableZapsTheShadowEntry() {
        var vm = shadowVM()
        _ = vm.step(.access(vcpu: 0, page: 0x2, write: false, user: false, fetch: false))
        #expect(!vm.liveLeaves { _, e in e.gfn == 0x12 }.isEmpty)
        // Point L1 index 2 elsewhere: the old SPTE must go (kvm_mmu_track_write).
        #expect(vm.step(.writeGuestPTE(table: 6, index: 2, pte: GuestPTE(frame: 0x30))) == nil)
        #expect(vm.liveLeaves { _, e in e.gfn == 0x12 }.isEmpty)
        guard case .mapped(let hfn, _) = vm.access(vcpu: 0, page: 0x2, read) else { Issue.record("not mapped"); return }
        #expect(hfn == vm.memslots[0][0].hfn(for: 0x30))
    }

    @Test func shadowedTablesAreWriteProtectedEvenWhenTheGuestMapsThemWritable() {
        var vm = shadowVM()
        // Table 7 entry 7 maps table 5 writable; L1 index 7 under L2 index 1 is page 0x207.
        #expect(vm.step(.access(vcpu: 0, page: 0x207, write: true, user: false, fetch: false)) == nil)
        let leaves = vm.liveLeaves { _, e in e.gfn == 5 }
        #expect(!leaves.isEmpty && leaves.allSatisfy { !$0.1.writable && !$0.1.mmuWritable })
    }

    @Test func guestHugePagesAreShadowedWithDirectPagesWhenTheHostCannotBackThemHuge() {
        var vm = standardVM(tdp: false, maxHostPageLevel: 1, smm: false, nested: false, vcpus: 1)
        // L2 index 2 is a 2M guest page at 0x200.
        #expect(vm.step(.access(vcpu: 0, page: 0x405, write: false, user: false, fetch: false)) == nil)
        let direct = vm.pages.filter { !$0.freed && $0.role.direct && $0.role.level == 1 }
        #expect(direct.map(\.gfn) == [0x200])
        #expect(vm.liveLeaves().map { $0.1.gfn } == [0x205])
    }

    @Test func cr3SwitchesReuseCachedRootsAndFreeTheLeastRecentlyUsed() {
        var vm = shadowVM()
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        let rootA = vm.vcpus[0].rootMMU.root.page
        _ = vm.step(.setCR3(vcpu: 0, gfn: 2))
        #expect(vm.vcpus[0].rootMMU.prev[0].page == rootA)
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        let rootB = vm.vcpus[0].rootMMU.root.page
        #expect(rootB != rootA && vm.pages[rootB].gfn == 2)
        #expect(vm.step(.setCR3(vcpu: 0, gfn: 1)) == nil)
        #expect(vm.vcpus[0].rootMMU.root.page == rootA)
        #expect(vm.vcpus[0].rootMMU.prev[0].page == rootB)
        #expect(vm.stats.cachedRootHits == 1)
    }

    @Test func freeRootsReleasesExactlyTheNamedSlots() {
        var vm = shadowVM()
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        _ = vm.step(.setCR3(vcpu: 0, gfn: 2))
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        let current = vm.vcpus[0].rootMMU.root
        // Slots bit 1 = PREVIOUS(0).
        #expect(vm.step(.freeRoots(vcpu: 0, slots: 0b10)) == nil)
        #expect(vm.vcpus[0].rootMMU.root == current)
        #expect(!vm.vcpus[0].rootMMU.prev[0].isValid)
    }

    @Test func previousRootDefinedAsBitIFreesTheCurrentRoot() {
        var vm = shadowVM(mutant: .previousRootBitCollidesWithCurrent)
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        _ = vm.step(.setCR3(vcpu: 0, gfn: 2))
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        #expect(vm.step(.freeRoots(vcpu: 0, slots: 0b10))?.invariant == .freeRootsFreesExactlyRequested)
    }

    @Test func nestedEntryUsesAGuestModeShadowRootAndClearsPureDirectForGood() {
        var vm = standardVM(tdp: true, directMMU: true, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        #expect(vm.pureDirect)
        #expect(vm.step(.enterNested(vcpu: 0)) == nil)
        #expect(vm.step(.access(vcpu: 0, page: 0x3, write: false, user: false, fetch: false)) == nil)
        let root = vm.pages[vm.vcpus[0].guestMMU.root.page]
        #expect(root.role.guestMode && !root.role.direct && root.gfn == GuestLayout.nestedRoot)
        #expect(!vm.pureDirect)
        _ = vm.step(.exitNested(vcpu: 0))
        _ = vm.step(.freeRoots(vcpu: 0, slots: 0xf))
        _ = vm.step(.zapAll)
        #expect(!vm.pureDirect)                                    // sticky
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        #expect(vm.pages[vm.vcpus[0].rootMMU.root.page].isTDP)
        #expect(!vm.pureDirect)
    }

    @Test func nestedShadowAgreesWithTheTDPMMU() {
        var vm = standardVM(tdp: true, directMMU: true, vcpus: 1)
        // L1 writes gfn 0x12 through the TDP MMU, then L2 maps it through the nested tables.
        #expect(vm.step(.access(vcpu: 0, page: 0x2, write: true, user: false, fetch: false)) == nil)
        #expect(vm.stats.accessesMapped == 1)
        _ = vm.step(.enterNested(vcpu: 0))
        #expect(vm.step(.access(vcpu: 0, page: 0x2, write: false, user: false, fetch: false)) == nil)
        #expect(vm.stats.differentialComparisons >= 1)
        // Corrupt the nested shadow leaf's frame: the differential check (or the memslot
        // check) must object.
        let (page, _) = vm.liveLeaves { p, _ in p.role.guestMode }[0]
        let key = page.entries.first { $0.value.isLeaf }!.key
        vm.pages[page.id].entries[key]!.hfn += 1
        #expect(InvariantChecker.checkAll(vm) != nil)
    }
}
