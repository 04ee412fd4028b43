/// A vCPU access: the guest walk (when the guest pages), then the MMU fault path of the
/// active context (kvm_mmu_page_fault -> kvm_tdp_page_fault / FNAME(page_fault)), and the
/// translation the vCPU caches in its TLB afterwards.
extension VM {
    /// What an access did.
    public enum AccessOutcome: Sendable, Equatable {
        /// Mapped: the host frame and whether the mapping is writable.
        case mapped(hfn: UInt64, writable: Bool)
        /// The guest's own tables fault: a #PF (or a nested fault reflected to L1) is injected.
        case guestFault(errorCode: UInt32)
        /// No memslot (MMIO) or a write to a read-only slot: exit to user space.
        case exitToUserSpace
    }

    /// Guest walk through the memslots of an address space.
    func guestWalk(page: UInt64, root: UInt64, addressSpace asID: Int, access: GuestAccess, cr0WP: Bool) -> GuestWalk {
        walker.walk(page: page, rootGfn: root, access: access, controls: GuestControls(cr0WP: cr0WP),
                    reader: MemslotTableReader(slots: memslots[asID], memory: memory))
    }

    /// The guest's A/D updates after a successful walk (FNAME(update_accessed_dirty_bits);
    /// with TDP the CPU makes them). They write guest memory without the page-track hook.
    mutating func applyAccessedDirty(page: UInt64, walk w: GuestWalk, addressSpace asID: Int, write: Bool) {
        var level = w.rootLevel
        while level >= w.leafLevel {
            let table = w.tableGfn(level)
            if let slot = memslots[asID].slot(containing: table) {
                let hfn = slot.hfn(for: table)
                let idx = PageLevel.index(page, level)
                if var pte = memory.entry(hfn: hfn, index: idx) {
                    let dirty = pte.dirty || (write && level == w.leafLevel)
                    if !pte.accessed || dirty != pte.dirty {
                        pte.accessed = true
                        pte.dirty = dirty
                        memory.write(hfn: hfn, index: idx, pte)
                    }
                }
            }
            level -= 1
        }
    }

    /// One access by vCPU `v` to linear page `page` (an L2 physical page in guest mode).
    @discardableResult
    public mutating func access(vcpu v: Int, page: UInt64, _ access: GuestAccess) -> AccessOutcome {
        loadMMU(vcpu: v)
        let c = vcpus[v]
        let root = c.activeMMU.root.page
        var walk: GuestWalk? = nil
        var gfn = page
        let asID = c.guestMode ? 0 : c.addressSpace
        if c.guestMode || guestPagingEnabled(v) {
            let w = guestWalk(page: page, root: c.guestMode ? c.nestedCR3 : c.cr3, addressSpace: asID,
                              access: access, cr0WP: c.guestMode ? true : c.cr0WP)
            if let code = w.faultCode { stats.guestFaults += 1; return .guestFault(errorCode: code) }
            applyAccessedDirty(page: page, walk: w, addressSpace: asID, write: access.write)
            gfn = w.gfn
            var done = w
            if access.write { done.leaf.dirty = true }
            walk = done
        }
        guard let slotIndex = memslots[asID].index(containing: gfn) else { stats.exitsToUserSpace += 1; return .exitToUserSpace }
        let slot = memslots[asID][slotIndex]
        if access.write && slot.readOnly && !has(.readOnlySlotMappedWritable) { stats.exitsToUserSpace += 1; return .exitToUserSpace }
        let spte: SPTE
        let input: UInt64
        if pages[root].isTDP {
            input = gfn
            spte = tdpMap(root: root, gfn: gfn, addressSpace: asID, slot: slot, slotIndex: slotIndex)
        } else if pages[root].role.direct {
            input = gfn
            spte = shadowMap(root: root, input: gfn, walk: nil, addressSpace: asID, slot: slot, slotIndex: slotIndex,
                             access: access, cr0WP: c.cr0WP)
        } else {
            input = page
            spte = shadowMap(root: root, input: page, walk: walk, addressSpace: asID, slot: slot, slotIndex: slotIndex,
                             access: access, cr0WP: c.cr0WP)
        }
        let hfn = spte.hfn &+ (gfn &- spte.gfn)
        fillTLB(vcpu: v, TLBEntry(root: root, page: input, hfn: hfn, writable: spte.writable))
        stats.accessesMapped += 1
        return .mapped(hfn: hfn, writable: spte.writable)
    }

    /// The vCPU caches the translation it just used (a small TLB; eviction is always allowed).
    mutating func fillTLB(vcpu v: Int, _ entry: TLBEntry) {
        if let i = vcpus[v].tlb.firstIndex(where: { $0.root == entry.root && $0.page == entry.page }) {
            vcpus[v].tlb[i] = entry
        } else {
            if vcpus[v].tlb.count >= 8 { vcpus[v].tlb.removeFirst() }
            vcpus[v].tlb.append(entry)
        }
    }
}
