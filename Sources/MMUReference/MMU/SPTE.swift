/// A present shadow/TDP page-table entry (spte.h). Absent entries are simply not stored.
/// The three writable bits mirror spte.c/spte.h: PT_WRITABLE (the hardware bit),
/// shadow_mmu_writable_mask (KVM may make it writable without a full fault: not
/// write-protected for shadow paging) and shadow_host_writable_mask (the host mapping
/// allows writes). writable => MMU-writable => host-writable (is_mmu_writable_spte).
public struct SPTE: Sendable, Hashable {
    public var isLeaf: Bool
    /// Non-leaf: the child page's id.
    public var child: Int32
    /// Leaf: the first guest frame mapped (the input gfn for direct maps; for shadow
    /// leaves, the guest frame the guest PTE points at).
    public var gfn: UInt64
    /// Leaf: the host frame of `gfn`.
    public var hfn: UInt64
    public var writable: Bool
    public var mmuWritable: Bool
    public var hostWritable: Bool
    public var user: Bool
    public var exec: Bool

    @inline(__always)
    public static func link(_ child: Int) -> SPTE {
        SPTE(isLeaf: false, child: Int32(child), gfn: 0, hfn: 0, writable: true, mmuWritable: true,
             hostWritable: true, user: true, exec: true)
    }

    @inline(__always)
    public static func leaf(gfn: UInt64, hfn: UInt64, writable: Bool, mmuWritable: Bool,
                            hostWritable: Bool, user: Bool, exec: Bool) -> SPTE {
        SPTE(isLeaf: true, child: -1, gfn: gfn, hfn: hfn, writable: writable, mmuWritable: mmuWritable,
             hostWritable: hostWritable, user: user, exec: exec)
    }
}
