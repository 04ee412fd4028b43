/// The guest-paging abstraction the MMUs are written against. The small 4-level walker
/// in this directory implements it; the full x86-64 walker (Paging/) can replace it by
/// conforming to `GuestPageWalker`.

/// What kind of access the guest makes.
public struct GuestAccess: Sendable, Hashable {
    public var write: Bool
    public var user: Bool
    public var fetch: Bool
    public init(write: Bool = false, user: Bool = false, fetch: Bool = false) {
        self.write = write
        self.user = user
        self.fetch = fetch
    }
}

/// The control bits the small walker honours. EFER.NX is taken as set.
public struct GuestControls: Sendable, Hashable {
    /// CR0.WP: when clear, supervisor writes ignore R/W (SDM 4.6.1).
    public var cr0WP: Bool
    public init(cr0WP: Bool = true) { self.cr0WP = cr0WP }
}

/// Reads guest page-table entries (through the memslots of the vCPU's address space).
public protocol GuestPageTableReader {
    /// The entry, or nil when the table's gfn is not backed by any memslot.
    func readPTE(tableGfn: UInt64, index: Int) -> GuestPTE?
}

/// The outcome of a guest walk.
public struct GuestWalk: Sendable {
    /// nil on success, else the page-fault error code (P=1, W=2, U=4, I/D=0x10).
    public var faultCode: UInt32?
    /// The translated guest frame of the page that was asked for.
    public var gfn: UInt64 = 0
    /// The level of the guest leaf (1 = 4K, 2 = 2M, 3 = 1G).
    public var leafLevel: Int = 1
    /// The guest leaf entry.
    public var leaf = GuestPTE(present: false, frame: 0)
    /// Effective access through the whole walk (AND of R/W and U/S, OR of NX).
    public var access: PageAccess = []
    /// Root level of the walk (4).
    public var rootLevel: Int = 4
    /// tableGfns[L] = gfn of the table read at level L (valid for rootLevel...leafLevel).
    public var tableGfns: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    /// accessAbove[L] = access accumulated from the root down to, excluding, level L's entry;
    /// the role.access of a shadow page at level L (FNAME(walk_addr)'s pt_access).
    public var accessAbove: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)

    public init() {}

    @inline(__always) public func tableGfn(_ level: Int) -> UInt64 {
        withUnsafeBytes(of: tableGfns) { $0.load(fromByteOffset: level * 8, as: UInt64.self) }
    }
    @inline(__always) public mutating func setTableGfn(_ level: Int, _ gfn: UInt64) {
        withUnsafeMutableBytes(of: &tableGfns) { $0.storeBytes(of: gfn, toByteOffset: level * 8, as: UInt64.self) }
    }
    @inline(__always) public func access(above level: Int) -> PageAccess {
        PageAccess(rawValue: withUnsafeBytes(of: accessAbove) { $0[level] })
    }
    @inline(__always) public mutating func setAccess(above level: Int, _ a: PageAccess) {
        withUnsafeMutableBytes(of: &accessAbove) { $0[level] = a.rawValue }
    }
}

/// A guest page walker: linear page number -> guest frame, or a #PF error code.
/// A/D updates are left to the caller (it knows tableGfn(L) and the indices).
public protocol GuestPageWalker: Sendable {
    func walk<R: GuestPageTableReader>(page: UInt64, rootGfn: UInt64, access: GuestAccess,
                                       controls: GuestControls, reader: R) -> GuestWalk
}

/// Whether an access with `access` is allowed on a page whose effective rights are
/// `rights` (SDM 4.6 access rights, without SMEP/SMAP/PKE).
@inline(__always)
public func guestAccessAllowed(_ rights: PageAccess, _ access: GuestAccess, cr0WP: Bool) -> Bool {
    if access.user && !rights.contains(.user) { return false }
    if access.fetch && !rights.contains(.exec) { return false }
    if access.write && !rights.contains(.write) && (access.user || cr0WP) { return false }
    return true
}
