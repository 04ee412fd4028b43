/// One step user space, the guest or the host can take. Operations that do not apply in
/// the current state (e.g. SMM entry when the VM has no SMM) are no-ops, so any sequence
/// of operations is a valid trace; that is what lets the shrinker drop steps freely.
public enum Operation: Sendable, Hashable {
    /// KVM_SET_USER_MEMORY_REGION, create. `hfnOffset` shifts the host frame so the slot
    /// may be misaligned for huge pages.
    case addMemslot(addressSpace: Int, id: Int, gfn: UInt64, pages: UInt64, hfnOffset: UInt64, readOnly: Bool, dirtyLog: Bool)
    /// KVM_SET_USER_MEMORY_REGION with size 0.
    case deleteMemslot(addressSpace: Int, id: Int)
    /// KVM_MR_MOVE: same host memory at a new gfn.
    case moveMemslot(addressSpace: Int, id: Int, gfn: UInt64)
    /// KVM_MR_FLAGS_ONLY toggling KVM_MEM_LOG_DIRTY_PAGES.
    case setDirtyLogging(addressSpace: Int, id: Int, on: Bool)
    /// KVM_GET_DIRTY_LOG: fetch and clear the bitmap, write-protect the pages it named.
    case getDirtyLog(addressSpace: Int, id: Int)
    /// The guest writes entry `index` of the page table at gfn `table` (address space 0);
    /// nil clears it.
    case writeGuestPTE(table: UInt64, index: Int, pte: GuestPTE?)
    /// vCPU access to a linear page (an L2 physical page in guest mode).
    case access(vcpu: Int, page: UInt64, write: Bool, user: Bool, fetch: Bool)
    case enterSMM(vcpu: Int)
    case exitSMM(vcpu: Int)
    /// VMLAUNCH/VMRUN into L2 with nested paging.
    case enterNested(vcpu: Int)
    case exitNested(vcpu: Int)
    /// MOV CR3 in L1 (kvm_set_cr3 -> kvm_mmu_new_pgd).
    case setCR3(vcpu: Int, gfn: UInt64)
    /// L1 switches the nested root (a new EPTP / nested CR3) for L2.
    case setNestedCR3(vcpu: Int, gfn: UInt64)
    /// MOV CR0 changing WP (kvm_post_set_cr0).
    case setCR0WP(vcpu: Int, on: Bool)
    /// kvm_mmu_free_roots on the active context with these slots (bit 0 current, bit 1 + i
    /// previous root i), encoded with KVM_MMU_ROOT_* by the caller.
    case freeRoots(vcpu: Int, slots: UInt8)
    /// kvm_zap_gfn_range over [gfn, gfn + pages) in both address spaces.
    case zapGfnRange(gfn: UInt64, pages: UInt64)
    /// kvm_mmu_zap_all_fast.
    case zapAll
    /// Write the direct_mmu module parameter (only when it is writable at run time).
    case writeDirectMMUParameter(Bool)
}

extension VM {
    /// Apply one operation, then complete any owed TLB flush (the end of the ioctl or exit).
    /// Returns what an access did (nil for other operations).
    @discardableResult
    public mutating func apply(_ op: Operation) -> AccessOutcome? {
        var outcome: AccessOutcome?
        touched.removeAll(keepingCapacity: true)
        needsFullCheck = false
        if !stepViolations.isEmpty { stepViolations.removeAll() }
        switch op {
        case let .addMemslot(asID, id, gfn, count, offset, ro, log):
            addMemslot(addressSpace: asID, id: id, gfn: gfn, pages: count, hfnOffset: offset, readOnly: ro, dirtyLog: log)
        case let .deleteMemslot(asID, id):
            deleteMemslot(addressSpace: asID, id: id)
        case let .moveMemslot(asID, id, gfn):
            moveMemslot(addressSpace: asID, id: id, gfn: gfn)
        case let .setDirtyLogging(asID, id, on):
            setDirtyLogging(addressSpace: asID, id: id, on: on)
        case let .getDirtyLog(asID, id):
            getDirtyLog(addressSpace: asID, id: id)
        case let .writeGuestPTE(table, index, pte):
            writeGuestPTE(table: table, index: index, pte: pte)
        case let .access(v, page, w, u, f):
            guard v < vcpus.count else { break }
            outcome = access(vcpu: v, page: page, GuestAccess(write: w, user: u, fetch: f))
        case let .enterSMM(v):
            guard v < vcpus.count, configuration.guest.smm, !vcpus[v].smm else { break }
            if vcpus[v].guestMode { vcpus[v].guestMode = false }   // an SMI leaves L2 first
            vcpus[v].smm = true
            unloadMMU(vcpu: v)                                     // kvm_smm_changed
        case let .exitSMM(v):
            guard v < vcpus.count, vcpus[v].smm else { break }
            vcpus[v].smm = false
            unloadMMU(vcpu: v)
        case let .enterNested(v):
            guard v < vcpus.count, configuration.guest.nested, !vcpus[v].guestMode, !vcpus[v].smm else { break }
            vcpus[v].guestMode = true
            newPGD(vcpu: v, pgd: vcpus[v].nestedCR3)
        case let .exitNested(v):
            guard v < vcpus.count, vcpus[v].guestMode else { break }
            vcpus[v].guestMode = false
            newPGD(vcpu: v, pgd: vcpus[v].cr3)
        case let .setCR3(v, gfn):
            guard v < vcpus.count else { break }
            vcpus[v].cr3 = gfn
            if !vcpus[v].guestMode { newPGD(vcpu: v, pgd: gfn) }
        case let .setNestedCR3(v, gfn):
            guard v < vcpus.count else { break }
            vcpus[v].nestedCR3 = gfn
            if vcpus[v].guestMode { newPGD(vcpu: v, pgd: gfn) }
        case let .setCR0WP(v, on):
            guard v < vcpus.count, vcpus[v].cr0WP != on else { break }
            vcpus[v].cr0WP = on
            // kvm_post_set_cr0: with TDP a WP-only toggle keeps the MMU (direct roots do not
            // depend on it); shadow paging resets the context (role.cr0_wp changes).
            if !configuration.host.tdpEnabled { unloadMMU(vcpu: v) }
        case let .freeRoots(v, slots):
            guard v < vcpus.count else { break }
            freeRootsChecked(vcpu: v, slots: slots)
        case let .zapGfnRange(gfn, count):
            zapGfnRange(addressSpace: 0, from: gfn, to: gfn &+ count)
            zapGfnRange(addressSpace: 1, from: gfn, to: gfn &+ count)
        case .zapAll:
            zapAllFast()
        case let .writeDirectMMUParameter(value):
            if parameters.directMMU.writableAtRuntime { parameters.directMMU.value = value }
        }
        commitFlush()
        return outcome
    }

    /// free_roots as a caller uses it: build the mask with KVM_MMU_ROOT_CURRENT /
    /// KVM_MMU_ROOT_PREVIOUS(i), call kvm_mmu_free_roots, and check its contract: exactly
    /// the named slots are released, the others are untouched.
    mutating func freeRootsChecked(vcpu v: Int, slots: UInt8) {
        let collide = has(.previousRootBitCollidesWithCurrent)
        var mask: UInt32 = 0
        if slots & 1 != 0 { mask |= RootsMask.current }
        for i in 0..<RootsMask.previousCount where slots & (2 << UInt8(i)) != 0 {
            mask |= RootsMask.previous(i, collide: collide)
        }
        let guestContext = vcpus[v].guestMode
        let before = vcpus[v].activeMMU
        freeRoots(vcpu: v, guestContext: guestContext, mask: mask)
        let after = vcpus[v].activeMMU
        for slot in 0..<MMUContext.slotCount {
            let named = slots & (1 << UInt8(slot)) != 0
            if named && after[slot].isValid {
                stepViolations.append(Violation(.freeRootsFreesExactlyRequested, "vCPU \(v) slot \(slot) was named but kept"))
            } else if !named && after[slot] != before[slot] {
                stepViolations.append(Violation(.freeRootsFreesExactlyRequested,
                    "vCPU \(v) slot \(slot) (\(slot == 0 ? "current" : "previous \(slot - 1)")) was not named but released"))
            }
        }
    }

    /// The guest writes one of its page-table entries. A write to a shadowed (write-tracked)
    /// table traps and is emulated: kvm_mmu_track_write zaps the shadow entries for it.
    mutating func writeGuestPTE(table: UInt64, index: Int, pte: GuestPTE?) {
        guard let slot = memslots[0].slot(containing: table), !slot.readOnly else { return }
        memory.write(hfn: slot.hfn(for: table), index: index, pte)
        trackGuestTableWrite(addressSpace: 0, gfn: table, index: index)
    }
}
