/// Checks the invariants of `InvariantName` on a VM state. `checkAll` looks at every page;
/// `checkStep` looks at what the last `apply` touched plus the cheap global properties, and
/// falls back to `checkAll` when the step changed something only a full check sees
/// (memslots, write tracking, zap-all). The explorer also runs `checkAll` periodically and
/// at the end of every episode. Checks run in a fixed order (pages by id, entries by index),
/// so the same state always reports the same first violation.
public enum InvariantChecker {
    /// Every invariant over the whole state. Returns the first violation.
    public static func checkAll(_ vm: VM) -> Violation? {
        if let v = vm.stepViolations.first { return v }
        if let v = checkGlobal(vm, allPages: true) { return v }
        var seen: [PageRole: Set<UInt64>] = [:]
        for p in vm.pages where !p.freed {
            if let v = checkPage(vm, p.id) { return v }
            if !p.isTDP && !p.invalid {
                if !seen[p.role, default: []].insert(p.gfn).inserted {
                    return Violation(.oneValidShadowPagePerRole, "two valid shadow pages for gfn \(hex(p.gfn)) role \(p.role)")
                }
            }
        }
        return nil
    }

    /// The invariants the last step can have broken.
    public static func checkStep(_ vm: VM) -> Violation? {
        if vm.needsFullCheck { return checkAll(vm) }
        if let v = vm.stepViolations.first { return v }
        if let v = checkGlobal(vm, allPages: false) { return v }
        var last = -1
        for id in vm.touched where id != last {
            last = id
            if let v = checkPage(vm, id) { return v }
            let p = vm.pages[id]
            if !p.isTDP && !p.invalid && !p.freed, let bucket = vm.pageHash[p.gfn] {
                for other in bucket where other != id && !vm.pages[other].invalid && vm.pages[other].role == p.role {
                    return Violation(.oneValidShadowPagePerRole, "pages \(id) and \(other) share gfn \(hex(p.gfn)) role \(p.role)")
                }
            }
        }
        return nil
    }

    // MARK: per page

    static func checkPage(_ vm: VM, _ id: Int) -> Violation? {
        let p = vm.pages[id]
        if p.freed {
            if !p.entries.isEmpty { return Violation(.invalidPageHasNoSPTEs, "freed page \(id) has SPTEs") }
            return nil
        }
        if p.invalid && !p.entries.isEmpty {
            return Violation(.invalidPageHasNoSPTEs, "invalid page \(id) (\(p.role)) still has \(p.entries.count) SPTEs")
        }
        let level = Int(p.role.level)
        let asID = p.role.addressSpace
        // Fast pass in hash order; on a violation, redo in index order so that the violation
        // reported does not depend on hash seeding.
        func check(_ idx16: UInt16, _ e: SPTE) -> Violation? {
            e.isLeaf ? checkLeaf(vm, p, Int(idx16), e, level: level, addressSpace: asID) : checkLink(vm, p, Int(idx16), e)
        }
        for (idx16, e) in p.entries where check(idx16, e) != nil {
            for i in p.entries.keys.sorted() {
                if let v = check(i, p.entries[i]!) { return v }
            }
        }
        return nil
    }

    static func guestEntry(_ vm: VM, addressSpace asID: Int, table: UInt64, index: Int) -> GuestPTE? {
        guard let slot = vm.memslots[asID].slot(containing: table) else { return nil }
        guard let pte = vm.memory.entry(hfn: slot.hfn(for: table), index: index), pte.present else { return nil }
        return pte
    }

    static func checkLink(_ vm: VM, _ p: MMUPage, _ idx: Int, _ e: SPTE) -> Violation? {
        let cid = Int(e.child)
        guard cid >= 0 && cid < vm.pages.count else {
            return Violation(.noLinkToDeadPage, "page \(p.id)[\(idx)] links to nonexistent page \(cid)")
        }
        let c = vm.pages[cid]
        if c.freed || c.invalid {
            return Violation(.noLinkToDeadPage, "page \(p.id)[\(idx)] links to \(c.freed ? "freed" : "invalid") page \(cid)")
        }
        let pr = p.role, cr = c.role
        if cr.level != pr.level - 1 || cr.smm != pr.smm || cr.guestMode != pr.guestMode || cr.cr0WP != pr.cr0WP
            || c.isTDP != p.isTDP || (pr.direct && (!cr.direct || cr.access != pr.access)) {
            return Violation(.childRoleInheritsParent, "page \(p.id) (\(pr)) [\(idx)] -> page \(cid) (\(cr))")
        }
        if pr.direct {
            if c.gfn != p.entryBase(idx) {
                return Violation(.childRoleInheritsParent, "direct page \(p.id)[\(idx)] -> page \(cid) for gfn \(hex(c.gfn)), expected \(hex(p.entryBase(idx)))")
            }
            return nil
        }
        // Indirect parent: the child shadows what the guest entry points at.
        let level = Int(pr.level)
        guard let g = guestEntry(vm, addressSpace: pr.addressSpace, table: p.gfn, index: idx) else {
            return Violation(.shadowMatchesGuestTables, "page \(p.id) (gfn \(hex(p.gfn)), \(pr)) [\(idx)] links a child but the guest entry is not present")
        }
        let guestHuge = g.pageSize && level <= 3
        let access = pr.access.intersection(g.access)
        if cr.direct {
            if !guestHuge || c.gfn != PageLevel.align(g.frame, level) || cr.access != access {
                return Violation(.shadowMatchesGuestTables, "page \(p.id)[\(idx)] -> direct page \(cid) (gfn \(hex(c.gfn)), \(cr)) but guest entry is \(g)")
            }
        } else if guestHuge || c.gfn != g.frame || cr.access != access {
            return Violation(.shadowMatchesGuestTables, "page \(p.id) (gfn \(hex(p.gfn)))[\(idx)] -> page \(cid) (gfn \(hex(c.gfn)), \(cr)) but guest entry points at \(hex(g.frame)) huge=\(guestHuge) access=\(access.rawValue)")
        }
        return nil
    }

    static func checkLeaf(_ vm: VM, _ p: MMUPage, _ idx: Int, _ e: SPTE, level: Int, addressSpace asID: Int) -> Violation? {
        let at = "page \(p.id) (\(p.isTDP ? "tdp" : "shadow") \(p.role))[\(idx)] gfn \(hex(e.gfn))"
        if (e.writable && !e.mmuWritable) || (e.mmuWritable && !e.hostWritable) {
            return Violation(.writableImpliesMMUWritable, "\(at): W=\(e.writable) MMU-W=\(e.mmuWritable) host-W=\(e.hostWritable)")
        }
        let span = PageLevel.span(level)
        if p.role.direct && e.gfn != p.entryBase(idx) {
            return Violation(.leafFrameMatchesMemslot, "\(at): a direct page's entry maps gfn \(hex(e.gfn)), its position says \(hex(p.entryBase(idx)))")
        }
        guard let slot = vm.memslots[asID].slot(containing: e.gfn) else {
            return Violation(.noSPTEOutsideMemslots, "\(at): no memslot in address space \(asID) holds the gfn")
        }
        if level > 1 {
            let aligned = e.gfn & (span &- 1) == 0
            let congruent = (slot.baseGfn ^ slot.baseHfn) & (span &- 1) == 0
            if !aligned || !slot.contains(e.gfn, count: span) || slot.dirtyLogging || !congruent {
                return Violation(.hugeLeafOnlyWhereAllowed, "\(at): level-\(level) leaf in slot \(slot.id) [\(hex(slot.baseGfn)), \(hex(slot.endGfn))) aligned=\(aligned) log=\(slot.dirtyLogging) congruent=\(congruent)")
            }
        }
        if e.hfn != slot.hfn(for: e.gfn) {
            return Violation(.leafFrameMatchesMemslot, "\(at): hfn \(hex(e.hfn)), memslot \(slot.id) says \(hex(slot.hfn(for: e.gfn)))")
        }
        if slot.readOnly && (e.writable || e.hostWritable) {
            return Violation(.readOnlySlotNeverWritable, "\(at): read-only slot \(slot.id) mapped writable")
        }
        if e.writable && slot.dirtyLogging {
            for g in e.gfn..<(e.gfn &+ span) where !slot.dirtyGfns.contains(g) {
                return Violation(.dirtyLoggedWritableIsDirty, "\(at): writable in dirty-logged slot \(slot.id) but gfn \(hex(g)) not in the bitmap")
            }
        }
        if (e.writable || e.mmuWritable) && vm.isWriteTracked(addressSpace: asID, gfn: e.gfn, count: span) {
            return Violation(.writeTrackedGfnNeverWritable, "\(at): maps a shadowed guest page table writable")
        }
        if p.role.direct && !p.isTDP {
            // Direct pages below a guest huge page carry the guest's access in their role.
            let a = p.role.access
            if (e.user && !a.contains(.user)) || (e.exec && !a.contains(.exec))
                || (e.writable && !a.contains(.write) && (p.role.cr0WP || e.user)) {
                return Violation(.shadowPermissionsWithinGuest, "\(at): U=\(e.user) X=\(e.exec) W=\(e.writable) exceeds role access \(a.rawValue)")
            }
        }
        if !p.role.direct {
            guard let g = guestEntry(vm, addressSpace: asID, table: p.gfn, index: idx) else {
                return Violation(.shadowMatchesGuestTables, "\(at): shadows guest table \(hex(p.gfn)) entry \(idx), which is not present")
            }
            let guestHuge = g.pageSize && level <= 3 && level > 1
            if (level > 1 && !guestHuge) || e.gfn != PageLevel.align(g.frame, level) {
                return Violation(.shadowMatchesGuestTables, "\(at): guest entry \(idx) of table \(hex(p.gfn)) maps \(hex(g.frame)) huge=\(g.pageSize)")
            }
            let a = p.role.access.intersection(g.access)
            let writeOK = g.dirty && (a.contains(.write) || (!p.role.cr0WP && !e.user))
            if (e.user && !a.contains(.user)) || (e.exec && !a.contains(.exec)) || (e.writable && !writeOK) {
                return Violation(.shadowPermissionsWithinGuest, "\(at): U=\(e.user) X=\(e.exec) W=\(e.writable) but the guest allows access \(a.rawValue) D=\(g.dirty) CR0.WP=\(p.role.cr0WP)")
            }
        }
        if p.role.guestMode && !p.isTDP && vm.tdpMMUEnabled, let root = vm.validTDPRoot(addressSpace: 0) {
            // Differential: L2 -> (L1's tables) -> L1 gfn -> TDP MMU == nested shadow.
            if let t = vm.translate(root: root, page: e.gfn), t.hfn != e.hfn {
                return Violation(.nestedShadowAgreesWithTDP, "\(at): nested shadow hfn \(hex(e.hfn)), TDP MMU maps the gfn to \(hex(t.hfn))")
            }
        }
        return nil
    }

    // MARK: global

    static func checkGlobal(_ vm: VM, allPages: Bool) -> Violation? {
        let cfg = vm.configuration
        // pure_direct_mmu is sticky-cleared by the first shadow root.
        if vm.tdpMMUEnabled && vm.pureDirect && vm.shadowRootEverAllocated {
            return Violation(.pureDirectMeansNoShadowRoots, "pure_direct_mmu still set after a shadow root was allocated")
        }
        for (asID, id) in vm.seedRoots.enumerated() where id >= 0 {
            if vm.pages[id].freed { return Violation(.liveDirectRootNeverFreed, "the seed's direct root for address space \(asID) (page \(id)) was freed") }
        }
        // References from vCPU slots.
        var refs: [Int: Int] = [:]
        for c in vm.vcpus {
            for guestContext in [false, true] {
                let ctx = guestContext ? c.guestMMU : c.rootMMU
                for s in 0..<MMUContext.slotCount where ctx[s].isValid {
                    let id = ctx[s].page
                    refs[id, default: 0] += 1
                    let p = vm.pages[id]
                    if p.freed {
                        return Violation(p.isTDP ? .liveDirectRootNeverFreed : .shadowRootRefcountMatchesReferences,
                                         "vCPU \(c.id) \(guestContext ? "guest_mmu" : "root_mmu") slot \(s) points at freed page \(id)")
                    }
                    if cfg.host.tdpEnabled && !guestContext && (p.isTDP != vm.tdpMMUEnabled) {
                        return Violation(.vmKeepsSnapshottedMMU, "vCPU \(c.id) root page \(id) is \(p.isTDP ? "a TDP MMU" : "a shadow-MMU") root, VM snapshot direct_mmu=\(vm.tdpMMUEnabled)")
                    }
                }
                // The active root fits the vCPU's state.
                if guestContext == c.guestMode, ctx.root.isValid {
                    let p = vm.pages[ctx.root.page]
                    if !p.invalid {
                        if p.role.smm != c.smm || p.role.guestMode != c.guestMode {
                            return Violation(.activeRootMatchesAddressSpace, "vCPU \(c.id) smm=\(c.smm) guest=\(c.guestMode) runs on root \(p.id) (\(p.role))")
                        }
                        if !p.role.direct {
                            let want = c.guestMode ? c.nestedCR3 : c.cr3
                            if p.gfn != want || ctx.root.pgd != want || (!c.guestMode && p.role.cr0WP != c.cr0WP) {
                                return Violation(.activeShadowRootMatchesCR3, "vCPU \(c.id) CR3 gfn \(hex(want)) runs on shadow root \(p.id) for gfn \(hex(p.gfn)) (cached pgd \(hex(ctx.root.pgd)))")
                            }
                        }
                    }
                }
            }
        }
        // Root reference counts.
        for id in vm.tdpRoots {
            let p = vm.pages[id]
            if p.freed { return Violation(.liveDirectRootNeverFreed, "tdp_mmu_roots holds freed page \(id)") }
            let expected = (refs[id] ?? 0) + (p.invalid ? 0 : 1)
            if p.rootCount != expected {
                return Violation(.tdpRootRefcountMatchesReferences, "TDP root \(id) refcount \(p.rootCount), references \(expected) (valid=\(!p.invalid))")
            }
        }
        func checkShadowRoot(_ id: Int) -> Violation? {
            let p = vm.pages[id]
            guard !p.isTDP, !p.freed else { return nil }
            if p.rootCount != (refs[id] ?? 0) {
                return Violation(.shadowRootRefcountMatchesReferences, "shadow page \(id) root_count \(p.rootCount), vCPU slots \(refs[id] ?? 0)")
            }
            if p.isRoot && p.invalid && p.rootCount == 0 {
                return Violation(.shadowRootNoLeak, "obsolete shadow root \(id) is unreferenced but not freed")
            }
            return nil
        }
        if allPages {
            for p in vm.pages where !p.freed {
                if let v = checkShadowRoot(p.id) { return v }
                if p.isRoot && p.role.direct && cfg.host.tdpEnabled && !p.role.guestMode && Int(p.role.level) != cfg.host.tdpLevels {
                    return Violation(.directRootLevelMatchesHost, "direct root \(p.id) has \(p.role.level) levels on a \(cfg.host.tdpLevels)-level TDP host")
                }
                if p.isTDP && p.isRoot && !p.isSeedDirectRoot && !vm.tdpRoots.contains(p.id) {
                    return Violation(.tdpRootRefcountMatchesReferences, "TDP root \(p.id) is live but not on tdp_mmu_roots")
                }
            }
        } else {
            for id in refs.keys.sorted() {
                if let v = checkShadowRoot(id) { return v }
                let p = vm.pages[id]
                if p.role.direct && cfg.host.tdpEnabled && !p.role.guestMode && Int(p.role.level) != cfg.host.tdpLevels {
                    return Violation(.directRootLevelMatchesHost, "direct root \(p.id) has \(p.role.level) levels on a \(cfg.host.tdpLevels)-level TDP host")
                }
            }
            for id in vm.touched { if let v = checkShadowRoot(id) { return v } }
        }
        // TLBs: nothing a vCPU may still use exceeds the SPTEs (once the flush is done).
        if !vm.pendingFlush {
            for c in vm.vcpus {
                for t in c.tlb {
                    let p = vm.pages[t.root]
                    guard !p.freed, let now = vm.translate(root: t.root, page: t.page) else {
                        return Violation(.noStaleTranslationAfterFlush, "vCPU \(c.id) still caches page \(hex(t.page)) -> hfn \(hex(t.hfn)) through root \(t.root), which no longer maps it")
                    }
                    if now.hfn != t.hfn || (t.writable && !now.leaf.writable) {
                        return Violation(.noStaleTranslationAfterFlush, "vCPU \(c.id) caches page \(hex(t.page)) -> hfn \(hex(t.hfn)) W=\(t.writable), the SPTE now says hfn \(hex(now.hfn)) W=\(now.leaf.writable)")
                    }
                }
            }
        }
        return nil
    }
}

extension VM {
    /// The TDP MMU root a non-nested vCPU in `addressSpace` would use now, if one exists.
    public func validTDPRoot(addressSpace asID: Int) -> Int? {
        if configuration.rootPolicy == .perVMSeed, seedRoots[asID] >= 0, !pages[seedRoots[asID]].freed {
            return seedRoots[asID]
        }
        for id in tdpRoots where !pages[id].invalid && pages[id].role.smm == (asID == 1) { return id }
        return nil
    }
}
