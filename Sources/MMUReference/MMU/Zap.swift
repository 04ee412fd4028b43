/// Zapping: a gfn range (kvm_zap_gfn_range, kvm_tdp_mmu_zap_leafs) and everything
/// (kvm_mmu_zap_all_fast with kvm_tdp_mmu_invalidate_all_roots).
extension VM {
    /// Zap every leaf mapping a gfn in [lo, hi) in the address space, in both MMUs.
    mutating func zapGfnRange(addressSpace asID: Int, from lo: UInt64, to hi: UInt64) {
        for id in pages.indices where !pages[id].freed && pages[id].role.addressSpace == asID {
            let span = pages[id].entrySpan
            var victims: [UInt16] = []
            for (idx, e) in pages[id].entries where e.isLeaf && e.gfn < hi && lo < e.gfn &+ span {
                victims.append(idx)
            }
            if victims.isEmpty { continue }
            for idx in victims { pages[id].entries[idx] = nil }
            touched.append(id)
            requestFlush(fromZap: true)
        }
    }

    /// Zap huge leaves overlapping [lo, hi) (stand-in for eager huge-page splitting when
    /// dirty logging is enabled, kvm_mmu_slot_try_split_huge_pages).
    mutating func zapHugeLeaves(addressSpace asID: Int, from lo: UInt64, to hi: UInt64) {
        for id in pages.indices where !pages[id].freed && pages[id].role.addressSpace == asID && pages[id].role.level > 1 {
            let span = pages[id].entrySpan
            var victims: [UInt16] = []
            for (idx, e) in pages[id].entries where e.isLeaf && e.gfn < hi && lo < e.gfn &+ span { victims.append(idx) }
            if victims.isEmpty { continue }
            for idx in victims { pages[id].entries[idx] = nil }
            touched.append(id)
            requestFlush(fromZap: true)
        }
    }

    /// kvm_mmu_zap_all_fast: every shadow page becomes obsolete (roots still referenced stay
    /// as invalid pages until their last reference goes); the TDP MMU invalidates its roots
    /// (kvm_tdp_mmu_invalidate_all_roots), zaps them and drops the list's reference. The
    /// seed's per-VM roots are emptied but kept.
    mutating func zapAllFast() {
        needsFullCheck = true
        for id in pages.indices where !pages[id].freed && !pages[id].isTDP && !pages[id].invalid {
            zapShadowPage(id)
        }
        for id in tdpRoots where !pages[id].invalid {
            pages[id].invalid = true
            if !has(.invalidatedTDPRootNotZapped) { zapTDPContents(id) }
            putTDPRoot(id)
        }
        for id in seedRoots where id >= 0 && !pages[id].freed { zapTDPContents(id) }
    }
}
