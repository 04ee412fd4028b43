/// Deliberate bugs the model can run with. Each reproduces a plausible kernel bug; the
/// explorer must catch every one of them (see `Explorer`).
public enum Mutant: String, Sendable, CaseIterable, Hashable {
    /// Seed policy: kvm_mmu_free_roots calls mmu_free_root_page on a per-VM direct root
    /// instead of only forgetting the vCPU's pointer (missing is_direct_mmu_root check).
    case freeRootsFreesDirectRoot = "free-roots-frees-direct-root"
    /// KVM_MMU_ROOT_PREVIOUS(i) defined as BIT(i): PREVIOUS(0) == CURRENT.
    case previousRootBitCollidesWithCurrent = "previous-root-bit-is-bit-i"
    /// kvm_tdp_mmu_alloc_root sets the refcount to 1 (only the vCPU's reference).
    case refcountedRootStartsWithOneReference = "tdp-root-starts-with-one-reference"
    /// The direct root is picked without kvm_arch_vcpu_memslots_id (SMM ignored).
    case rootIgnoresSMM = "root-ignores-smm"
    /// is_root_usable without the pgd comparison: a cached root is reused for another CR3.
    case cachedRootIgnoresCR3 = "cached-root-ignores-cr3"
    /// kvm_tdp_mmu_zap_leafs / kvm_zap_gfn_range callers drop the "flush needed" result.
    case zapWithoutTLBFlush = "zap-without-tlb-flush"
    /// FNAME(gpte_access) loses R/W: the shadow SPTE is writable while the guest PTE is not.
    case shadowWritableIgnoresGuestRW = "shadow-writable-ignores-guest-rw"
    /// FNAME(page_fault)'s CR0.WP = 0 supervisor-write path adds ACC_WRITE but keeps ACC_USER.
    case cr0WPSupervisorWriteKeepsUser = "cr0wp0-supervisor-write-keeps-user"
    /// kvm_mmu_hugepage_adjust does not check that the huge range lies inside the memslot.
    case hugePageAcrossMemslotBoundary = "huge-page-across-memslot-boundary"
    /// kvm_mmu_hugepage_adjust ignores KVM_MEM_LOG_DIRTY_PAGES (disallow_lpage not set).
    case hugePageUnderDirtyLogging = "huge-page-under-dirty-logging"
    /// kvm_mmu_slot_apply_flags enables dirty logging without write-protecting the slot.
    case dirtyLogEnableSkipsWriteProtect = "dirty-log-enable-skips-write-protect"
    /// mmu_alloc_shadow_roots does not clear pure_direct_mmu.
    case pureDirectNotClearedOnNestedEntry = "pure-direct-not-cleared-on-nested-entry"
    /// mmu_alloc_direct_roots always allocates a 4-level root (the seed's TODO).
    case fourLevelRootOnFiveLevelHost = "four-level-root-on-five-level-host"
    /// kvm_arch_flush_shadow_memslot is skipped when a memslot is deleted.
    case memslotDeleteWithoutZap = "memslot-delete-without-zap"
    /// The fault path ignores KVM_MEM_READONLY when computing host-writable.
    case readOnlySlotMappedWritable = "read-only-slot-mapped-writable"
    /// kvm_mmu_track_write (kvm_mmu_pte_write) does not zap the SPTE for a written guest PTE.
    case guestPTEWriteNotTracked = "guest-pte-write-not-tracked"
    /// account_shadowed tracks the gfn but does not write-protect existing mappings.
    case shadowPageNotWriteProtected = "shadow-page-not-write-protected"
    /// kvm_mmu_load reads the direct_mmu module parameter instead of the VM's snapshot.
    case directMMUParamReadLive = "direct-mmu-param-read-live"
    /// tdp_mmu_init_child_sp does not copy role.smm to the child.
    case tdpChildRoleDropsSMM = "tdp-child-role-drops-smm"
    /// mmu_free_root_page drops root_count but never zaps an obsolete root at zero.
    case obsoleteShadowRootLeaked = "obsolete-shadow-root-leaked"
    /// kvm_tdp_mmu_invalidate_all_roots marks roots invalid but nothing zaps them.
    case invalidatedTDPRootNotZapped = "invalidated-tdp-root-not-zapped"

    /// The invariant that is expected to catch the mutant.
    public var caughtBy: InvariantName {
        switch self {
        case .freeRootsFreesDirectRoot: return .liveDirectRootNeverFreed
        case .previousRootBitCollidesWithCurrent: return .freeRootsFreesExactlyRequested
        case .refcountedRootStartsWithOneReference: return .tdpRootRefcountMatchesReferences
        case .rootIgnoresSMM: return .activeRootMatchesAddressSpace
        case .cachedRootIgnoresCR3: return .activeShadowRootMatchesCR3
        case .zapWithoutTLBFlush: return .noStaleTranslationAfterFlush
        case .shadowWritableIgnoresGuestRW, .cr0WPSupervisorWriteKeepsUser: return .shadowPermissionsWithinGuest
        case .hugePageAcrossMemslotBoundary, .hugePageUnderDirtyLogging: return .hugeLeafOnlyWhereAllowed
        case .dirtyLogEnableSkipsWriteProtect: return .dirtyLoggedWritableIsDirty
        case .pureDirectNotClearedOnNestedEntry: return .pureDirectMeansNoShadowRoots
        case .fourLevelRootOnFiveLevelHost: return .directRootLevelMatchesHost
        case .memslotDeleteWithoutZap: return .noSPTEOutsideMemslots
        case .readOnlySlotMappedWritable: return .readOnlySlotNeverWritable
        case .guestPTEWriteNotTracked: return .shadowMatchesGuestTables
        case .shadowPageNotWriteProtected: return .writeTrackedGfnNeverWritable
        case .directMMUParamReadLive: return .vmKeepsSnapshottedMMU
        case .tdpChildRoleDropsSMM: return .childRoleInheritsParent
        case .obsoleteShadowRootLeaked: return .shadowRootNoLeak
        case .invalidatedTDPRootNotZapped: return .invalidPageHasNoSPTEs
        }
    }
}
