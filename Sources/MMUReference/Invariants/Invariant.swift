/// The named invariants. Each mirrors a kernel behaviour (arch/x86/kvm/mmu/); the
/// comment says which.
public enum InvariantName: String, Sendable, CaseIterable, Hashable {
    /// spte.h is_mmu_writable_spte / make_spte: W => MMU-writable => host-writable.
    case writableImpliesMMUWritable = "writable-implies-mmu-writable"
    /// tdp_mmu.c handle_changed_spte: a present leaf never changes to a present leaf with
    /// another frame (it must be zapped and flushed first).
    case leafFrameStable = "leaf-frame-stable"
    /// kvm_mmu_hugepage_adjust / lpage_info: huge leaves only inside the slot, with dirty
    /// logging off, gfn and host frame congruent, no write-tracked gfn under them when created.
    case hugeLeafOnlyWhereAllowed = "huge-leaf-only-where-allowed"
    /// kvm_mmu_child_role / tdp_mmu_init_child_sp: child role = parent role one level down;
    /// smm, guest_mode and cr0_wp are uniform in a tree; a direct parent has direct children.
    case childRoleInheritsParent = "child-role-inherits-parent"
    /// kvm_mmu_get_shadow_page / mmu_page_hash: at most one valid shadow page per (gfn, role).
    case oneValidShadowPagePerRole = "one-valid-shadow-page-per-role"
    /// kvm_arch_flush_shadow_memslot / kvm_mmu_zap_all_fast: no present leaf maps a gfn that
    /// is outside its address space's memslots.
    case noSPTEOutsideMemslots = "no-spte-outside-memslots"
    /// make_spte with the pfn from __gfn_to_pfn_memslot: a leaf maps the memslot's frame.
    case leafFrameMatchesMemslot = "leaf-frame-matches-memslot"
    /// FNAME(gpte_access), protect_clean_gpte, FNAME(page_fault)'s CR0.WP = 0 handling:
    /// shadow permissions never exceed the guest's effective permissions.
    case shadowPermissionsWithinGuest = "shadow-permissions-within-guest"
    /// FNAME(fetch) + kvm_mmu_track_write: every entry of an indirect shadow page mirrors the
    /// guest entry it shadows (present, same frame / table, same page size).
    case shadowMatchesGuestTables = "shadow-matches-guest-tables"
    /// Differential: for L2, guest walk (L1's nested tables) then the TDP MMU gives the same
    /// host frame as the nested shadow MMU.
    case nestedShadowAgreesWithTDP = "nested-shadow-agrees-with-tdp"
    /// Seed mmu_free_root_page vs is_direct_mmu_root; mainline kvm_tdp_mmu_put_root:
    /// a live (valid, or still referenced) direct root is never freed.
    case liveDirectRootNeverFreed = "live-direct-root-never-freed"
    /// kvm_tdp_mmu_get_root / kvm_tdp_mmu_put_root: refcount = 1 (list, while valid) +
    /// vCPU slots pointing at the root; invalid and unreferenced roots are freed.
    case tdpRootRefcountMatchesReferences = "tdp-root-refcount-matches-references"
    /// mmu_alloc_root (++root_count) / mmu_free_root_page (--root_count): root_count equals
    /// the vCPU slots pointing at the page.
    case shadowRootRefcountMatchesReferences = "shadow-root-refcount-matches-references"
    /// mmu_free_root_page -> kvm_mmu_prepare_zap_page: an obsolete shadow root nobody
    /// references has been freed (a valid unreferenced one stays findable in the hash).
    case shadowRootNoLeak = "shadow-root-no-leak"
    /// kvm_arch_vcpu_memslots_id and role.smm / role.guest_mode: a vCPU's valid active root
    /// maps its current address space and mode, and is not freed.
    case activeRootMatchesAddressSpace = "active-root-matches-address-space"
    /// is_root_usable / cached_root_find_and_keep_current: the active shadow root shadows
    /// the vCPU's current CR3 (nested CR3 in guest mode).
    case activeShadowRootMatchesCR3 = "active-shadow-root-matches-cr3"
    /// kvm_flush_remote_tlbs after kvm_tdp_mmu_zap_leafs / kvm_mmu_commit_zap_page /
    /// write protection: no vCPU holds a translation the SPTEs no longer allow.
    case noStaleTranslationAfterFlush = "no-stale-translation-after-flush"
    /// KVM_MEM_READONLY: host_writable is never set, so never writable.
    case readOnlySlotNeverWritable = "read-only-slot-never-writable"
    /// make_spte -> mark_page_dirty_in_slot, kvm_mmu_slot_remove_write_access: every
    /// writable mapping of a dirty-logged slot is in the dirty bitmap.
    case dirtyLoggedWritableIsDirty = "dirty-logged-writable-is-dirty"
    /// account_shadowed / mmu_try_to_unsync_pages: a shadowed guest table is never mapped
    /// writable (nor MMU-writable).
    case writeTrackedGfnNeverWritable = "write-tracked-gfn-never-writable"
    /// Seed mmu_alloc_shadow_roots: pure_direct_mmu is cleared when a shadow root is
    /// allocated, and stays cleared.
    case pureDirectMeansNoShadowRoots = "pure-direct-means-no-shadow-roots"
    /// mmu_alloc_direct_roots / kvm_mmu_get_tdp_level: a direct root has the host's TDP level.
    case directRootLevelMatchesHost = "direct-root-level-matches-host"
    /// kvm_mmu_init_direct_mmu: the direct_mmu snapshot decides which MMU every L1 root
    /// belongs to, for the VM's whole life.
    case vmKeepsSnapshottedMMU = "vm-keeps-snapshotted-mmu"
    /// kvm_mmu_free_roots with KVM_MMU_ROOT_CURRENT / KVM_MMU_ROOT_PREVIOUS(i): exactly
    /// the named roots are released.
    case freeRootsFreesExactlyRequested = "free-roots-frees-exactly-requested"
    /// Differential (explorer "both"): the same guest run once with the TDP MMU (guest walk,
    /// then kvm_tdp_mmu_map) and once with shadow paging (FNAME(page_fault)/FNAME(fetch))
    /// reaches the same host frame, or fails the same way, on every access.
    case tdpAndShadowTranslateAlike = "tdp-and-shadow-translate-alike"
    /// kvm_mmu_unlink_parents / handle_removed_pt: no SPTE links to a freed or invalid page.
    case noLinkToDeadPage = "no-link-to-dead-page"
    /// kvm_mmu_prepare_zap_page (unlink children) / TDP zap of invalidated roots: an invalid
    /// page has no SPTEs.
    case invalidPageHasNoSPTEs = "invalid-page-has-no-sptes"
}

/// A broken invariant and what broke it.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var invariant: InvariantName
    public var detail: String
    public init(_ invariant: InvariantName, _ detail: String) {
        self.invariant = invariant
        self.detail = detail
    }
    public var description: String { "\(invariant.rawValue): \(detail)" }
}
