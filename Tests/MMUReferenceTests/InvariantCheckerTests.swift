import Testing
@testable import MMUReference

/// The invariants are not vacuous: corrupting a sound state in one specific way is
/// reported under the right name.
@Suite struct InvariantCheckerTests {
    /// A TDP VM with one 4K writable mapping of gfn 0x20 (paging off, dirty logging on so
    /// the leaf is 4K), and the same for a shadow VM.
    func tdpVM() -> VM {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.setDirtyLogging(addressSpace: 0, id: 0, on: true))
        _ = vm.step(.access(vcpu: 0, page: 0x20, write: true, user: false, fetch: false))
        return vm
    }

    func leafLocation(_ vm: VM, gfn: UInt64) -> (page: Int, index: UInt16) {
        for p in vm.pages where !p.freed {
            for (i, e) in p.entries where e.isLeaf && e.gfn == gfn { return (p.id, i) }
        }
        fatalError("no leaf for \(gfn)")
    }

    @Test func aSoundStateHasNoViolation() {
        #expect(InvariantChecker.checkAll(tdpVM()) == nil)
    }

    @Test func writableWithoutMMUWritable() {
        var vm = tdpVM()
        let (p, i) = leafLocation(vm, gfn: 0x20)
        vm.pages[p].entries[i]!.mmuWritable = false
        #expect(InvariantChecker.checkAll(vm)?.invariant == .writableImpliesMMUWritable)
    }

    @Test func wrongFrame() {
        var vm = tdpVM()
        let (p, i) = leafLocation(vm, gfn: 0x20)
        vm.pages[p].entries[i]!.hfn &+= 7
        vm.vcpus[0].tlb = []   // else the TLB check objects first
        #expect(InvariantChecker.checkAll(vm)?.invariant == .leafFrameMatchesMemslot)
    }

    @Test func mappingOutsideEveryMemslot() {
        var vm = tdpVM()
        vm.memslots[0].remove(at: 0)
        #expect(InvariantChecker.checkAll(vm)?.invariant == .noSPTEOutsideMemslots)
    }

    @Test func writableButNotInTheDirtyBitmap() {
        var vm = tdpVM()
        vm.memslots[0][0].dirtyGfns = []
        #expect(InvariantChecker.checkAll(vm)?.invariant == .dirtyLoggedWritableIsDirty)
    }

    @Test func hugeLeafUnderDirtyLogging() {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x20, write: false, user: false, fetch: false))
        vm.memslots[0][0].dirtyLogging = true
        #expect(InvariantChecker.checkAll(vm)?.invariant == .hugeLeafOnlyWhereAllowed)
    }

    @Test func staleTLBEntry() {
        var vm = tdpVM()
        vm.vcpus[0].tlb[0].hfn &+= 1
        #expect(InvariantChecker.checkAll(vm)?.invariant == .noStaleTranslationAfterFlush)
        var zapped = tdpVM()
        let (p, i) = leafLocation(zapped, gfn: 0x20)
        zapped.pages[p].entries[i] = nil      // zapped, but no flush
        #expect(InvariantChecker.checkAll(zapped)?.invariant == .noStaleTranslationAfterFlush)
    }

    @Test func rootRefcountOffByOne() {
        var vm = tdpVM()
        vm.pages[vm.tdpRoots[0]].rootCount += 1
        #expect(InvariantChecker.checkAll(vm)?.invariant == .tdpRootRefcountMatchesReferences)
    }

    @Test func duplicateShadowPage() {
        var vm = standardVM(tdp: false, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x0, write: false, user: false, fetch: false))
        let original = vm.pages.first { !$0.freed && !$0.isTDP && $0.gfn == 6 }!
        let copy = vm.allocPage(isTDP: false, role: original.role, gfn: original.gfn)
        #expect(copy != original.id)
        #expect(InvariantChecker.checkAll(vm)?.invariant == .oneValidShadowPagePerRole)
    }

    @Test func shadowLeafMoreWritableThanTheGuest() {
        var vm = standardVM(tdp: false, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x1, write: false, user: false, fetch: false))   // gfn 0x11, guest R/O
        let (p, i) = leafLocation(vm, gfn: 0x11)
        vm.pages[p].entries[i]!.writable = true
        vm.pages[p].entries[i]!.mmuWritable = true
        #expect(InvariantChecker.checkAll(vm)?.invariant == .shadowPermissionsWithinGuest)
    }

    @Test func theIncrementalCheckSeesWhatTheStepTouched() {
        var vm = tdpVM()
        vm.apply(.access(vcpu: 0, page: 0x21, write: true, user: false, fetch: false))
        #expect(InvariantChecker.checkStep(vm) == nil)
        let (p, i) = leafLocation(vm, gfn: 0x21)
        vm.pages[p].entries[i]!.hostWritable = false
        #expect(InvariantChecker.checkStep(vm)?.invariant == .writableImpliesMMUWritable)
    }
}
