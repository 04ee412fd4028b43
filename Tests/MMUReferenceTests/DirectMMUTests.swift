import Testing
@testable import MMUReference

@Suite struct DirectMMUTests {
    @Test func refcountedRootsAreSharedByRoleAndHoldOneReferenceForTheList() {
        var vm = standardVM(policy: .refcounted)
        #expect(vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false)) == nil)
        #expect(vm.step(.access(vcpu: 1, page: 0x10, write: false, user: false, fetch: false)) == nil)
        #expect(vm.tdpRoots.count == 1)
        let root = vm.tdpRoots[0]
        #expect(vm.pages[root].rootCount == 3)   // the list + two vCPUs
        // Freeing both vCPUs' roots leaves a valid root held by the list.
        #expect(vm.step(.freeRoots(vcpu: 0, slots: 1)) == nil)
        #expect(vm.step(.freeRoots(vcpu: 1, slots: 1)) == nil)
        #expect(!vm.pages[root].freed)
        #expect(vm.pages[root].rootCount == 1)
        // Reloading finds the same root again.
        #expect(vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false)) == nil)
        #expect(vm.vcpus[0].rootMMU.root.page == root)
    }

    @Test func aFastZapInvalidatesRootsWhichAreFreedWhenTheLastVCPULetsGo() {
        var vm = standardVM(policy: .refcounted, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x10, write: true, user: false, fetch: false))
        let old = vm.tdpRoots[0]
        #expect(vm.step(.zapAll) == nil)
        #expect(vm.pages[old].invalid && !vm.pages[old].freed)
        #expect(vm.pages[old].entries.isEmpty)
        #expect(vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false)) == nil)
        #expect(vm.pages[old].freed)
        #expect(vm.vcpus[0].rootMMU.root.page != old)
    }

    @Test func seedRootsLiveAsLongAsTheVMAndFreeRootsOnlyForgetsThem() {
        var vm = standardVM(policy: .perVMSeed, vcpus: 1)
        #expect(vm.seedRoots.allSatisfy { $0 >= 0 })
        _ = vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false))
        #expect(vm.vcpus[0].rootMMU.root.page == vm.seedRoots[0])
        #expect(vm.step(.freeRoots(vcpu: 0, slots: 0xf)) == nil)
        #expect(!vm.vcpus[0].rootMMU.root.isValid)
        #expect(!vm.pages[vm.seedRoots[0]].freed)
        #expect(vm.step(.zapAll) == nil)
        #expect(!vm.pages[vm.seedRoots[0]].freed && !vm.pages[vm.seedRoots[0]].invalid)
    }

    @Test func smmSelectsTheSecondAddressSpacesRoot() {
        var vm = standardVM(policy: .perVMSeed, vcpus: 1)
        #expect(vm.step(.enterSMM(vcpu: 0)) == nil)
        _ = vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false))
        #expect(vm.vcpus[0].rootMMU.root.page == vm.seedRoots[1])
        #expect(vm.pages[vm.seedRoots[1]].role.smm)
    }

    @Test func fiveLevelHostsGetFiveLevelRoots() {
        var vm = standardVM(tdpLevels: 5, policy: .refcounted, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false))
        #expect(vm.pages[vm.vcpus[0].rootMMU.root.page].role.level == 5)
    }

    @Test func hugePagesOnlyWhereTheSlotAllowsThem() {
        // Guest paging off: linear page = gfn.
        var vm = standardVM(maxHostPageLevel: 3, paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x205, write: false, user: false, fetch: false))
        // Slot 0 is [0, 0x400): 2M fits, 1G does not.
        #expect(vm.liveLeaves { p, _ in p.role.level == 2 }.map { $0.1.gfn } == [0x200])
        // A slot not congruent with its host frames gets 4K pages only.
        _ = vm.step(.addMemslot(addressSpace: 0, id: 1, gfn: 0x400, pages: 0x400, hfnOffset: 1, readOnly: false, dirtyLog: false))
        _ = vm.step(.access(vcpu: 0, page: 0x405, write: false, user: false, fetch: false))
        #expect(vm.liveLeaves { _, e in e.gfn >= 0x400 && e.gfn < 0x800 }.allSatisfy { $0.0.role.level == 1 })
        // A 1G slot gets a 1G page.
        _ = vm.step(.addMemslot(addressSpace: 0, id: 2, gfn: 0x40000, pages: 0x40000, hfnOffset: 0, readOnly: false, dirtyLog: false))
        #expect(vm.step(.access(vcpu: 0, page: 0x40123, write: true, user: false, fetch: false)) == nil)
        #expect(vm.liveLeaves { p, _ in p.role.level == 3 }.map { $0.1.gfn } == [0x40000])
    }

    @Test func dirtyLoggingWriteProtectsThenRecordsWrites() {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.access(vcpu: 0, page: 0x20, write: true, user: false, fetch: false))
        #expect(vm.liveLeaves { _, e in e.writable }.count == 1)
        #expect(vm.liveLeaves { p, _ in p.role.level == 2 }.count == 1)
        #expect(vm.step(.setDirtyLogging(addressSpace: 0, id: 0, on: true)) == nil)
        #expect(vm.liveLeaves { _, e in e.writable }.isEmpty)       // huge leaf zapped, nothing writable
        #expect(vm.step(.access(vcpu: 0, page: 0x20, write: true, user: false, fetch: false)) == nil)
        let leaves = vm.liveLeaves()
        #expect(leaves.count == 1 && leaves[0].0.role.level == 1 && leaves[0].1.writable)
        #expect(vm.memslots[0][0].dirtyGfns == [0x20])
        #expect(vm.step(.getDirtyLog(addressSpace: 0, id: 0)) == nil)
        #expect(vm.memslots[0][0].dirtyGfns.isEmpty)
        #expect(vm.liveLeaves { _, e in e.writable }.isEmpty)
        #expect(vm.liveLeaves { _, e in e.mmuWritable }.count == 1)   // fast page fault can restore W
    }

    @Test func readOnlySlotsAreMappedReadOnlyAndWritesExit() {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.addMemslot(addressSpace: 0, id: 1, gfn: 0x400, pages: 0x10, hfnOffset: 0, readOnly: true, dirtyLog: false))
        var copy = vm
        #expect(copy.access(vcpu: 0, page: 0x401, write) == .exitToUserSpace)
        guard case .mapped(_, let writable) = vm.access(vcpu: 0, page: 0x401, read) else {
            Issue.record("read of a read-only slot should map")
            return
        }
        #expect(!writable)
        #expect(InvariantChecker.checkAll(vm) == nil)
    }

    @Test func memslotDeleteZapsAndMoveRemapsAtTheNewPlace() {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 1)
        _ = vm.step(.addMemslot(addressSpace: 0, id: 1, gfn: 0x400, pages: 0x10, hfnOffset: 0, readOnly: false, dirtyLog: false))
        guard case .mapped(let before, _) = vm.access(vcpu: 0, page: 0x401, read) else { Issue.record("not mapped"); return }
        #expect(vm.step(.moveMemslot(addressSpace: 0, id: 1, gfn: 0x800)) == nil)
        #expect(vm.liveLeaves().isEmpty)
        #expect(vm.access(vcpu: 0, page: 0x401, read) == .exitToUserSpace)
        guard case .mapped(let after, _) = vm.access(vcpu: 0, page: 0x801, read) else { Issue.record("not mapped"); return }
        #expect(after == before)   // same host memory, new gfn
        #expect(vm.step(.deleteMemslot(addressSpace: 0, id: 1)) == nil)
        #expect(vm.liveLeaves { _, e in e.gfn >= 0x800 }.isEmpty)
    }

    @Test func zapAndFlushLeaveNoStaleTranslation() {
        var vm = standardVM(paging: .off, smm: false, nested: false, vcpus: 2)
        _ = vm.step(.access(vcpu: 0, page: 0x30, write: true, user: false, fetch: false))
        _ = vm.step(.access(vcpu: 1, page: 0x30, write: false, user: false, fetch: false))
        #expect(vm.vcpus.allSatisfy { !$0.tlb.isEmpty })
        #expect(vm.step(.zapGfnRange(gfn: 0x30, pages: 1)) == nil)
        #expect(vm.vcpus.allSatisfy { $0.tlb.isEmpty })
        #expect(!vm.pendingFlush)
    }

    @Test func directMMUIsSnapshottedAtCreation() {
        var vm = standardVM(directMMU: true, writableParameter: true, vcpus: 1)
        #expect(vm.step(.writeDirectMMUParameter(false)) == nil)
        #expect(!vm.parameters.directMMU.value)
        #expect(vm.tdpMMUEnabled)
        _ = vm.step(.access(vcpu: 0, page: 0x10, write: false, user: false, fetch: false))
        #expect(vm.pages[vm.vcpus[0].rootMMU.root.page].isTDP)
        // A VM created now takes the new value.
        var config = vm.configuration
        config.parameters = vm.parameters
        #expect(!VM(configuration: config).tdpMMUEnabled)
        // A read-only (0444) parameter cannot be written.
        var ro = standardVM(directMMU: true, writableParameter: false, vcpus: 1)
        ro.apply(.writeDirectMMUParameter(false))
        #expect(ro.parameters.directMMU.value)
    }

    @Test func theSeedWarnsWhenDirectMMUIsSetWithoutTDP() {
        let vm = standardVM(tdp: false, directMMU: true)
        #expect(vm.warnedAtCreation && !vm.tdpMMUEnabled)
        #expect(!standardVM(tdp: true, directMMU: true).warnedAtCreation)
    }
}
