/// The shadow MMU (mmu.c + paging_tmpl.h): shadow pages keyed by (gfn, role), the fault
/// path that shadows guest tables, zapping, and the handling of guest page-table writes.
extension VM {
    /// kvm_mmu_get_shadow_page: reuse the valid page with this gfn and role, else allocate
    /// one (and write-protect the guest table it shadows, account_shadowed).
    mutating func getShadowPage(gfn: UInt64, role: PageRole) -> Int {
        if let bucket = pageHash[gfn] {
            for id in bucket where !pages[id].invalid && pages[id].role == role { return id }
        }
        return allocPage(isTDP: false, role: role, gfn: gfn)
    }

    /// kvm_mmu_prepare_zap_page + kvm_mmu_commit_zap_page for one shadow page: drop its
    /// SPTEs, stop tracking its gfn, mark it invalid; free it unless a root still holds it.
    mutating func zapShadowPage(_ id: Int) {
        if !pages[id].entries.isEmpty {
            pages[id].entries = [:]
            touched.append(id)
            requestFlush(fromZap: true)
        }
        if !pages[id].invalid {
            if !pages[id].role.direct { unaccountShadowed(addressSpace: pages[id].role.addressSpace, gfn: pages[id].gfn) }
            pages[id].invalid = true
            touched.append(id)
        }
        if pages[id].rootCount == 0 { freePage(id) }
    }

    /// The role of a shadow (indirect) root for the vCPU's current state.
    func shadowRootRole(vcpu v: Int) -> PageRole {
        let c = vcpus[v]
        return PageRole(level: 4, direct: false, access: .all, smm: rootAddressSpace(of: v) == 1,
                        guestMode: c.guestMode, cr0WP: c.guestMode ? true : c.cr0WP)
    }

    /// mmu_alloc_shadow_roots: the root shadowing the guest's top-level table. Clears the
    /// seed's pure_direct_mmu (sticky: nothing sets it again).
    mutating func allocShadowRoot(vcpu v: Int, pgd: UInt64) -> Int {
        if !has(.pureDirectNotClearedOnNestedEntry) { pureDirect = false }
        shadowRootEverAllocated = true
        let id = getShadowPage(gfn: pgd, role: shadowRootRole(vcpu: v))
        pages[id].rootCount += 1   // mmu_alloc_root: ++sp->root_count
        pages[id].isRoot = true
        touched.append(id)
        return id
    }

    /// mmu_alloc_direct_roots without the TDP MMU: a direct-role shadow page as root
    /// (legacy TDP with direct_mmu off, or shadow paging with guest paging off).
    mutating func allocLegacyDirectRoot(vcpu v: Int) -> Int {
        let level = configuration.host.tdpEnabled ? directRootLevel : 4
        let role = PageRole(level: level, direct: true, access: .all, smm: rootAddressSpace(of: v) == 1)
        let id = getShadowPage(gfn: 0, role: role)
        pages[id].rootCount += 1
        pages[id].isRoot = true
        touched.append(id)
        return id
    }

    /// FNAME(fetch) / direct_map: walk the shadow tables for `input` (a linear page, an L2
    /// physical page, or a gfn for direct roots), linking shadow pages for the guest tables
    /// the walk used, and install the leaf for `walk.gfn` (or `input` without a walk).
    mutating func shadowMap(root: Int, input: UInt64, walk: GuestWalk?, addressSpace asID: Int,
                            slot: Memslot, slotIndex: Int, access: GuestAccess, cr0WP: Bool) -> SPTE {
        let gfn = walk?.gfn ?? input
        let goal = hugepageAdjust(addressSpace: asID, gfn: gfn, slot: slot, cap: min(3, walk?.leafLevel ?? 3))
        var id = root
        var level = Int(pages[root].role.level)
        while level > goal {
            let idx = PageLevel.index(input, level)
            if let e = pages[id].entries[UInt16(idx)] {
                if !e.isLeaf { id = Int(e.child); level -= 1; continue }
                setEntry(id, idx, nil)          // drop_large_spte
                requestFlush(fromZap: false)
            }
            let parent = pages[id].role
            let childRole: PageRole
            let childGfn: UInt64
            if parent.direct {
                childRole = parent.child()
                childGfn = pages[id].entryBase(idx)
            } else if let w = walk, level - 1 >= w.leafLevel {
                childRole = parent.child(direct: false, access: w.access(above: level - 1))
                childGfn = w.tableGfn(level - 1)
            } else {
                // Below a guest huge page: direct pages for the huge page's frames.
                childRole = parent.child(direct: true, access: walk?.access ?? .all)
                childGfn = PageLevel.align(gfn, level)
            }
            let child = getShadowPage(gfn: childGfn, role: childRole)
            setEntry(id, idx, .link(child))
            id = child
            level -= 1
        }
        var rights = PageAccess.all
        if let w = walk {
            rights = w.access
            // protect_clean_gpte: a clean guest PTE is mapped read-only so the first write
            // faults and sets D.
            if !w.leaf.dirty { rights.remove(.write) }
            // FNAME(page_fault): CR0.WP = 0 supervisor write to a read-only page: map it
            // writable but not user-accessible.
            if access.write && !access.user && !w.access.contains(.write) && !cr0WP {
                rights.insert(.write)
                if !has(.cr0WPSupervisorWriteKeepsUser) { rights.remove(.user) }
            }
            if has(.shadowWritableIgnoresGuestRW) { rights.insert(.write) }
        }
        let idx = PageLevel.index(input, goal)
        if let e = pages[id].entries[UInt16(idx)], !e.isLeaf {
            // A huge leaf replaces a table: mmu_set_spte drops the link (drop_parent_pte)
            // and flushes.
            setEntry(id, idx, nil)
            requestFlush(fromZap: false)
        }
        let spte = makeSPTE(addressSpace: asID, slot: slot, slotIndex: slotIndex,
                            gfn: PageLevel.align(gfn, goal), level: goal, access: rights)
        installLeaf(page: id, index: idx, spte)
        return spte
    }

    /// kvm_mmu_track_write (kvm_mmu_pte_write): the guest wrote entry `index` of the table at
    /// `gfn`; zap that entry in every valid shadow page shadowing the table.
    mutating func trackGuestTableWrite(addressSpace asID: Int, gfn: UInt64, index: Int) {
        guard let bucket = pageHash[gfn] else { return }
        for id in bucket {
            touched.append(id)   // the guest entry behind these pages changed
            let p = pages[id]
            guard !p.invalid, !p.role.direct, p.role.addressSpace == asID else { continue }
            if has(.guestPTEWriteNotTracked) { continue }
            if p.entries[UInt16(index)] != nil {
                setEntry(id, index, nil)   // mmu_page_zap_pte
                stats.guestTableWritesTracked += 1
                requestFlush(fromZap: true)
            }
        }
    }
}
