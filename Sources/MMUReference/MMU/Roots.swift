/// Root management shared by both MMUs: kvm_mmu_load, kvm_mmu_free_roots,
/// kvm_mmu_new_pgd (fast_pgd_switch and the previous-roots cache), kvm_mmu_unload.
extension VM {
    /// Whether the vCPU's active context maps guest-physical addresses directly (TDP for L1,
    /// or guest paging off), so the guest CR3 does not select the root.
    func activeContextIsDirect(_ v: Int) -> Bool {
        let c = vcpus[v]
        if c.guestMode { return false }
        return configuration.host.tdpEnabled || !guestPagingEnabled(v)
    }

    /// Whether L1 runs with paging on: the configured mode, except in SMM, which the model
    /// runs with CR0.PG = 0 as SMM entry leaves it (SDM 32.5.1).
    public func guestPagingEnabled(_ v: Int) -> Bool {
        configuration.guest.paging == .fourLevel && !vcpus[v].smm
    }

    /// kvm_mmu_load: free obsolete roots, then allocate a root if the context has none.
    mutating func loadMMU(vcpu v: Int) {
        freeObsoleteRoots(vcpu: v, guestContext: false)
        freeObsoleteRoots(vcpu: v, guestContext: true)
        if vcpus[v].activeMMU.root.isValid { return }
        let c = vcpus[v]
        let root: CachedRoot
        if c.guestMode {
            root = CachedRoot(page: allocShadowRoot(vcpu: v, pgd: c.nestedCR3), pgd: c.nestedCR3)
        } else if configuration.host.tdpEnabled {
            // The VM's snapshot decides (kvm->arch.direct_mmu_enabled), not the parameter.
            let useTDPMMU = has(.directMMUParamReadLive) ? parameters.directMMU.value : tdpMMUEnabled
            root = CachedRoot(page: useTDPMMU ? tdpRoot(forVCPU: v) : allocLegacyDirectRoot(vcpu: v), pgd: 0)
        } else if !guestPagingEnabled(v) {
            root = CachedRoot(page: allocLegacyDirectRoot(vcpu: v), pgd: 0)
        } else {
            root = CachedRoot(page: allocShadowRoot(vcpu: v, pgd: c.cr3), pgd: c.cr3)
        }
        vcpus[v].activeMMU.root = root
    }

    /// kvm_mmu_free_obsolete_roots: roots invalidated by a fast zap are released by the
    /// vCPUs that hold them (KVM_REQ_MMU_FREE_OBSOLETE_ROOTS).
    mutating func freeObsoleteRoots(vcpu v: Int, guestContext: Bool) {
        let ctx = guestContext ? vcpus[v].guestMMU : vcpus[v].rootMMU
        var mask: UInt32 = 0
        let collide = has(.previousRootBitCollidesWithCurrent)
        for slot in 0..<MMUContext.slotCount where ctx[slot].isValid && pages[ctx[slot].page].invalid {
            mask |= slot == 0 ? RootsMask.current : RootsMask.previous(slot - 1, collide: collide)
        }
        if mask != 0 { freeRoots(vcpu: v, guestContext: guestContext, mask: mask) }
    }

    /// The context slots a roots mask names (slot 0 = current, 1 + i = PREVIOUS(i)).
    func slots(in mask: UInt32) -> [Int] {
        let collide = has(.previousRootBitCollidesWithCurrent)
        var result: [Int] = []
        if mask & RootsMask.current != 0 { result.append(0) }
        for i in 0..<RootsMask.previousCount where mask & RootsMask.previous(i, collide: collide) != 0 {
            result.append(1 + i)
        }
        return result
    }

    /// kvm_mmu_free_roots(mmu, roots_to_free). The seed skips its per-VM direct roots
    /// (is_direct_mmu_root): they are only forgotten, never freed.
    mutating func freeRoots(vcpu v: Int, guestContext: Bool, mask: UInt32) {
        var ctx = guestContext ? vcpus[v].guestMMU : vcpus[v].rootMMU
        for slot in slots(in: mask) where ctx[slot].isValid {
            let id = ctx[slot].page
            ctx[slot] = .invalid
            if pages[id].isSeedDirectRoot && !has(.freeRootsFreesDirectRoot) { continue }
            mmuFreeRootPage(id)
            stats.rootsFreed += 1
        }
        if guestContext { vcpus[v].guestMMU = ctx } else { vcpus[v].rootMMU = ctx }
    }

    /// mmu_free_root_page: drop the context's reference to a root.
    mutating func mmuFreeRootPage(_ id: Int) {
        touched.append(id)
        if pages[id].isTDP {
            if pages[id].isSeedDirectRoot {
                // Only reached through the mutant: a live per-VM root is freed.
                freeTDPSubtree(id)
                requestFlush(fromZap: false)
                return
            }
            putTDPRoot(id)
        } else {
            pages[id].rootCount -= 1
            if pages[id].rootCount == 0 && pages[id].invalid && !has(.obsoleteShadowRootLeaked) { zapShadowPage(id) }
        }
    }

    /// is_root_usable: a cached root fits a new pgd when the roles match and, for shadow
    /// roots, the pgd matches too.
    func isRootUsable(_ root: CachedRoot, pgd: UInt64, role: PageRole) -> Bool {
        guard root.isValid else { return false }
        let p = pages[root.page]
        if p.invalid || p.role != role { return false }
        return role.direct || has(.cachedRootIgnoresCR3) || root.pgd == pgd
    }

    /// kvm_mmu_new_pgd: switch the active context to `pgd` through fast_pgd_switch
    /// (cached_root_find_and_keep_current / cached_root_find_without_current), else free
    /// the current root so the next kvm_mmu_load allocates one.
    mutating func newPGD(vcpu v: Int, pgd: UInt64) {
        if activeContextIsDirect(v) { return }
        let guestContext = vcpus[v].guestMode
        let role = shadowRootRole(vcpu: v)
        var ctx = vcpus[v].activeMMU
        if ctx.root.isValid {
            if isRootUsable(ctx.root, pgd: pgd, role: role) { return }
            for i in 0..<RootsMask.previousCount {
                swap(&ctx.root, &ctx.prev[i])
                if isRootUsable(ctx.root, pgd: pgd, role: role) {
                    stats.cachedRootHits += 1
                    vcpus[v].activeMMU = ctx
                    return
                }
            }
            vcpus[v].activeMMU = ctx
        } else {
            for i in 0..<RootsMask.previousCount where isRootUsable(ctx.prev[i], pgd: pgd, role: role) {
                swap(&ctx.root, &ctx.prev[i])
                for j in i..<(RootsMask.previousCount - 1) { ctx.prev[j] = ctx.prev[j + 1] }
                ctx.prev[RootsMask.previousCount - 1] = .invalid
                stats.cachedRootHits += 1
                vcpus[v].activeMMU = ctx
                return
            }
        }
        freeRoots(vcpu: v, guestContext: guestContext, mask: RootsMask.current)
    }

    /// kvm_mmu_unload (from kvm_mmu_reset_context): free every root of both contexts.
    mutating func unloadMMU(vcpu v: Int) {
        freeRoots(vcpu: v, guestContext: false, mask: RootsMask.all)
        freeRoots(vcpu: v, guestContext: true, mask: RootsMask.all)
    }
}
