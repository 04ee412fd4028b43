/// The direct (TDP) MMU: roots under both root-lifetime policies and the fault path
/// (tdp_mmu.c kvm_tdp_mmu_map; the seed's per-VM direct roots).
extension VM {
    /// The level of a direct root: kvm_mmu_get_tdp_level (4 or 5). The seed's
    /// mmu_alloc_direct_roots only supported 4 ("TODO: Support 5 level paging").
    var directRootLevel: Int {
        has(.fourLevelRootOnFiveLevelHost) ? 4 : configuration.host.tdpLevels
    }

    /// The role of a TDP MMU root for an address space (kvm_mmu_calc_root_page_role for TDP).
    func tdpRootRole(addressSpace asID: Int, guestMode: Bool) -> PageRole {
        PageRole(level: directRootLevel, direct: true, access: .all, smm: asID == 1, guestMode: guestMode)
    }

    /// The address space a vCPU's root is chosen for (kvm_arch_vcpu_memslots_id).
    func rootAddressSpace(of v: Int) -> Int {
        has(.rootIgnoresSMM) ? 0 : vcpus[v].addressSpace
    }

    /// kvm_tdp_mmu_get_vcpu_root_hpa (refcounted) or the seed's direct_root_hpa[as_id].
    mutating func tdpRoot(forVCPU v: Int) -> Int {
        let asID = rootAddressSpace(of: v)
        if configuration.rootPolicy == .perVMSeed && seedRoots[asID] >= 0 {
            return seedRoots[asID]
        }
        let role = tdpRootRole(addressSpace: asID, guestMode: false)
        for id in tdpRoots where !pages[id].invalid && pages[id].role == role {
            pages[id].rootCount += 1   // kvm_tdp_mmu_get_root
            return id
        }
        // kvm_tdp_mmu_alloc_root: one reference for the vCPU, one for tdp_mmu_roots.
        let id = allocPage(isTDP: true, role: role, gfn: 0)
        pages[id].isRoot = true
        pages[id].rootCount = has(.refcountedRootStartsWithOneReference) ? 1 : 2
        tdpRoots.append(id)
        return id
    }

    /// kvm_tdp_mmu_put_root: drop a reference; the root is freed at zero.
    mutating func putTDPRoot(_ id: Int) {
        pages[id].rootCount -= 1
        touched.append(id)
        if pages[id].rootCount <= 0 {
            tdpRoots.removeAll { $0 == id }
            freeTDPSubtree(id)
            requestFlush(fromZap: false)
        }
    }

    /// Free a TDP page and everything below it (handle_removed_pt, tdp_mmu_free_sp).
    mutating func freeTDPSubtree(_ id: Int) {
        for (_, e) in pages[id].entries where !e.isLeaf { freeTDPSubtree(Int(e.child)) }
        freePage(id)
    }

    /// Remove every entry of a TDP page, freeing child tables (zap of a whole root).
    mutating func zapTDPContents(_ id: Int) {
        if pages[id].entries.isEmpty { return }
        for (_, e) in pages[id].entries where !e.isLeaf { freeTDPSubtree(Int(e.child)) }
        pages[id].entries = [:]
        touched.append(id)
        requestFlush(fromZap: true)
    }

    /// kvm_mmu_hugepage_adjust: the largest level allowed for a mapping of `gfn` in `slot`,
    /// capped by the host mapping and by `cap` (the guest's page size for shadow paging).
    func hugepageAdjust(addressSpace asID: Int, gfn: UInt64, slot: Memslot, cap: Int) -> Int {
        var level = min(configuration.host.maxHostPageLevel, cap)
        while level > 1 {
            let span = PageLevel.span(level)
            let base = PageLevel.align(gfn, level)
            var ok = true
            // lpage_info: a huge page must lie inside the slot (disallow_lpage at the ends).
            if !has(.hugePageAcrossMemslotBoundary) && !slot.contains(base, count: span) { ok = false }
            // KVM_MEM_LOG_DIRTY_PAGES disallows huge pages in the whole slot.
            if !has(.hugePageUnderDirtyLogging) && slot.dirtyLogging { ok = false }
            // gfn and host address must be congruent modulo the huge page size.
            if (slot.baseGfn ^ slot.baseHfn) & (span &- 1) != 0 { ok = false }
            // account_shadowed -> kvm_mmu_gfn_disallow_lpage.
            if isWriteTracked(addressSpace: asID, gfn: base, count: span) { ok = false }
            if ok { return level }
            level -= 1
        }
        return 1
    }

    /// make_spte: build a leaf for [gfn, gfn + span(level)) with the access the guest allows.
    mutating func makeSPTE(addressSpace asID: Int, slot: Memslot, slotIndex: Int, gfn: UInt64, level: Int,
                           access: PageAccess) -> SPTE {
        let hostWritable = !slot.readOnly || has(.readOnlySlotMappedWritable)
        var writable = access.contains(.write) && hostWritable
        let span = PageLevel.span(level)
        // mmu_try_to_unsync_pages: a write-tracked (shadowed) gfn stays write-protected.
        if writable && isWriteTracked(addressSpace: asID, gfn: gfn, count: span) { writable = false }
        // mark_page_dirty_in_slot for every writable SPTE in a dirty-logged slot.
        if writable && slot.dirtyLogging {
            for g in gfn..<(gfn &+ span) { memslots[asID][slotIndex].dirtyGfns.insert(g) }
        }
        return .leaf(gfn: gfn, hfn: slot.hfn(for: gfn), writable: writable, mmuWritable: writable,
                     hostWritable: hostWritable, user: access.contains(.user), exec: access.contains(.exec))
    }

    /// Install a leaf (tdp_mmu_set_spte / mmu_set_spte), handling a present old one: the TDP
    /// MMU treats a frame change as a bug (handle_changed_spte), the shadow MMU drops the old
    /// SPTE and flushes (mmu_set_spte).
    mutating func installLeaf(page id: Int, index: Int, _ spte: SPTE) {
        if let old = pages[id].entries[UInt16(index)], old.isLeaf {
            if old.hfn != spte.hfn {
                if pages[id].isTDP {
                    stepViolations.append(Violation(.leafFrameStable,
                        "page \(id)[\(index)]: present leaf hfn \(hex(old.hfn)) replaced by hfn \(hex(spte.hfn))"))
                }
                requestFlush(fromZap: false)
            } else if (old.writable && !spte.writable) || (old.user && !spte.user) || (old.exec && !spte.exec) {
                requestFlush(fromZap: false)
            }
        }
        setEntry(id, index, spte)
        if pages[id].role.level > 1 { stats.hugeLeavesInstalled += 1 }
        if pages[id].role.guestMode {
            stats.nestedLeavesInstalled += 1
            if tdpMMUEnabled, let root = validTDPRoot(addressSpace: 0), translate(root: root, page: spte.gfn) != nil {
                stats.differentialComparisons += 1
            }
        }
    }

    /// kvm_tdp_mmu_map: walk from the root to the goal level, creating child tables,
    /// replacing a huge leaf above the goal and a table at the goal, then install the leaf.
    mutating func tdpMap(root: Int, gfn: UInt64, addressSpace asID: Int, slot: Memslot, slotIndex: Int) -> SPTE {
        let goal = hugepageAdjust(addressSpace: asID, gfn: gfn, slot: slot, cap: 3)
        var id = root
        var level = Int(pages[root].role.level)
        while level > goal {
            let idx = PageLevel.index(gfn, level)
            if let e = pages[id].entries[UInt16(idx)] {
                if !e.isLeaf { id = Int(e.child); level -= 1; continue }
                // A huge leaf where a smaller mapping is now required. Mainline splits it
                // (tdp_mmu_split_huge_page) into equivalent smaller leaves; the model zaps
                // it and flushes, which is the conservative equivalent.
                setEntry(id, idx, nil)
                requestFlush(fromZap: true)
            }
            var childRole = pages[id].role.child()
            if has(.tdpChildRoleDropsSMM) { childRole.smm = false }
            let child = allocPage(isTDP: true, role: childRole, gfn: PageLevel.align(gfn, level))
            setEntry(id, idx, .link(child))
            id = child
            level -= 1
        }
        let idx = PageLevel.index(gfn, goal)
        if let e = pages[id].entries[UInt16(idx)], !e.isLeaf {
            // A table where a huge leaf goes: the table is removed (handle_removed_pt).
            freeTDPSubtree(Int(e.child))
            setEntry(id, idx, nil)
            requestFlush(fromZap: true)
        }
        let spte = makeSPTE(addressSpace: asID, slot: slot, slotIndex: slotIndex,
                            gfn: PageLevel.align(gfn, goal), level: goal, access: .all)
        installLeaf(page: id, index: idx, spte)
        return spte
    }
}
