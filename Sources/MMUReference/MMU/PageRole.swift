/// The role of an MMU page (union kvm_mmu_page_role, reduced to the fields the model
/// uses). Two shadow pages for the same gfn are interchangeable only when their roles
/// are equal (kvm_mmu_get_shadow_page compares role.word).
public struct PageRole: Sendable, Hashable, CustomStringConvertible {
    /// 1 = 4K leaf table ... 4 or 5 = root.
    public var level: UInt8
    /// role.direct: maps gfns linearly (TDP, guest paging off, or below a guest huge page)
    /// rather than shadowing a guest table.
    public var direct: Bool
    /// role.access: the access the guest walk granted above this page.
    public var access: PageAccess
    /// role.smm: the address space (as_id) the page maps.
    public var smm: Bool
    /// role.guest_mode: the page belongs to an L2 (nested) context.
    public var guestMode: Bool
    /// role.cr0_wp: shadow pages built with CR0.WP = 0 may carry supervisor-writable,
    /// user-inaccessible SPTEs, so they are never shared with WP = 1 contexts.
    public var cr0WP: Bool

    public init(level: Int, direct: Bool, access: PageAccess = .all, smm: Bool = false,
                guestMode: Bool = false, cr0WP: Bool = true) {
        self.level = UInt8(level)
        self.direct = direct
        self.access = access
        self.smm = smm
        self.guestMode = guestMode
        self.cr0WP = cr0WP
    }

    /// The address space this role maps (kvm_memslots_for_spte_role).
    @inline(__always) public var addressSpace: Int { smm ? 1 : 0 }

    /// The role a child page gets: same role one level down (tdp_mmu_init_child_sp,
    /// kvm_mmu_child_role).
    @inline(__always) public func child(direct: Bool? = nil, access: PageAccess? = nil) -> PageRole {
        var r = self
        r.level -= 1
        if let direct { r.direct = direct }
        if let access { r.access = access }
        return r
    }

    public var description: String {
        "L\(level)\(direct ? " direct" : "") acc=\(access.rawValue)\(smm ? " smm" : "")\(guestMode ? " guest" : "")\(cr0WP ? "" : " wp0")"
    }
}
