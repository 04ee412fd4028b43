/// A page of an MMU's page tables (struct kvm_mmu_page). Both MMUs' pages live in one
/// arena in `VM.pages`, addressed by id; ids are never reused, so a freed page stays
/// visible as a tombstone and any pointer to it is a detectable use-after-free.
public struct MMUPage: Sendable {
    public let id: Int
    /// tdp_mmu_page: owned by the direct (TDP) MMU rather than the shadow MMU's hash.
    public let isTDP: Bool
    public var role: PageRole
    /// Shadow page: the guest table's gfn (indirect) or the first gfn mapped (direct).
    /// TDP page: the first gfn mapped.
    public var gfn: UInt64
    /// Present entries by index.
    public var entries: [UInt16: SPTE] = [:]
    /// Shadow MMU: root_count. TDP MMU (refcounted policy): tdp_mmu_root_count.
    public var rootCount: Int = 0
    /// Allocated as a root (mmu_alloc_root / kvm_tdp_mmu_alloc_root / the seed's roots).
    public var isRoot: Bool = false
    /// The seed's per-VM direct roots (kvm->arch.direct_root_hpa[]).
    public var isSeedDirectRoot: Bool = false
    /// role.invalid: obsolete, must not be used for new translations.
    public var invalid: Bool = false
    /// Returned to the allocator (kvm_mmu_free_shadow_page / tdp_mmu_free_sp).
    public var freed: Bool = false

    public init(id: Int, isTDP: Bool, role: PageRole, gfn: UInt64) {
        self.id = id
        self.isTDP = isTDP
        self.role = role
        self.gfn = gfn
    }

    /// Frames covered by one entry of this page.
    @inline(__always) public var entrySpan: UInt64 { PageLevel.span(Int(role.level)) }
    /// The first gfn (direct) or input page an entry translates, given the page's base.
    @inline(__always) public func entryBase(_ index: Int) -> UInt64 { gfn &+ UInt64(index) &* entrySpan }
}
