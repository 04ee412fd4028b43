/// Memslot changes as KVM_SET_USER_MEMORY_REGION makes them, with the MMU work each one
/// triggers (kvm_arch_flush_shadow_memslot, kvm_mmu_slot_apply_flags, dirty-log fetch).
extension VM {
    /// Guest frames the model accepts: below 2^40 (a 52-bit guest physical address space).
    static let gfnLimit: UInt64 = 1 << 40

    mutating func addMemslot(addressSpace asID: Int, id: Int, gfn: UInt64, pages count: UInt64, hfnOffset: UInt64,
                             readOnly: Bool, dirtyLog: Bool) {
        guard asID == 0 || (asID == 1 && configuration.guest.smm) else { return }
        guard gfn < VM.gfnLimit, count <= VM.gfnLimit - gfn, hfnOffset < VM.gfnLimit else { return }
        let oneG = PageLevel.span(3)
        // Fresh host memory, congruent with the gfn modulo 1G unless hfnOffset says otherwise.
        let base = (nextHostFrame &+ oneG &- 1) & ~(oneG &- 1)
        let slot = Memslot(id: id, baseGfn: gfn, pageCount: count, baseHfn: base &+ (gfn & (oneG &- 1)) &+ hfnOffset,
                           readOnly: readOnly, dirtyLogging: dirtyLog)
        guard memslots[asID].canAdd(slot) else { return }
        nextHostFrame = slot.baseHfn &+ count &+ oneG
        memslots[asID].insert(slot)
        needsFullCheck = true
    }

    mutating func deleteMemslot(addressSpace asID: Int, id: Int) {
        guard asID < 2, let i = memslots[asID].index(ofID: id) else { return }
        memslots[asID].remove(at: i)
        needsFullCheck = true
        if has(.memslotDeleteWithoutZap) { return }
        zapAllFast()   // kvm_arch_flush_shadow_memslot with the default SLOT_ZAP_ALL quirk
    }

    mutating func moveMemslot(addressSpace asID: Int, id: Int, gfn: UInt64) {
        guard asID < 2, let i = memslots[asID].index(ofID: id) else { return }
        var moved = memslots[asID][i]
        guard moved.baseGfn != gfn, gfn < VM.gfnLimit, moved.pageCount <= VM.gfnLimit - gfn else { return }
        moved.baseGfn = gfn
        moved.dirtyGfns = []
        guard memslots[asID].canAdd(moved, ignoringID: id) else { return }
        memslots[asID][i] = moved
        needsFullCheck = true
        zapAllFast()
    }

    mutating func setDirtyLogging(addressSpace asID: Int, id: Int, on: Bool) {
        guard asID < 2, let i = memslots[asID].index(ofID: id), memslots[asID][i].dirtyLogging != on else { return }
        needsFullCheck = true
        memslots[asID][i].dirtyLogging = on
        let slot = memslots[asID][i]
        guard on else {
            // kvm_mmu_zap_collapsible_sptes: drop the 4K mappings so faults can map huge
            // pages again (the model zaps every leaf of the slot).
            zapGfnRange(addressSpace: asID, from: slot.baseGfn, to: slot.endGfn)
            return
        }
        zapHugeLeaves(addressSpace: asID, from: slot.baseGfn, to: slot.endGfn)
        if has(.dirtyLogEnableSkipsWriteProtect) { return }
        // kvm_mmu_slot_remove_write_access: clear W, keep MMU-writable (fast page fault).
        writeProtect(addressSpace: asID, from: slot.baseGfn, to: slot.endGfn, clearMMUWritable: false)
    }

    mutating func getDirtyLog(addressSpace asID: Int, id: Int) {
        guard asID < 2, let i = memslots[asID].index(ofID: id) else { return }
        let dirty = memslots[asID][i].dirtyGfns
        memslots[asID][i].dirtyGfns = []
        needsFullCheck = true
        guard memslots[asID][i].dirtyLogging else { return }
        // kvm_arch_mmu_enable_log_dirty_pt_masked: write-protect what was reported.
        for g in dirty.sorted() { writeProtect(addressSpace: asID, from: g, to: g &+ 1, clearMMUWritable: false) }
    }
}
