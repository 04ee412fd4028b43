/// Access rights as KVM encodes them in shadow-page roles and SPTE construction
/// (mmu.c/spte.h ACC_EXEC_MASK = 1, ACC_WRITE_MASK = 2, ACC_USER_MASK = 4).
public struct PageAccess: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let exec = PageAccess(rawValue: 1)
    public static let write = PageAccess(rawValue: 2)
    public static let user = PageAccess(rawValue: 4)
    public static let all: PageAccess = [.exec, .write, .user]
}

/// One entry of a guest page table in the small guest-paging abstraction: the bits the
/// MMU model needs (P, R/W, U/S, NX, A, D, PS) and the frame it points at. Reserved bits,
/// protection keys and PAT are the full walker's business (Sources/MMUReference/Paging).
public struct GuestPTE: Sendable, Hashable {
    public var present: Bool
    public var writable: Bool
    public var user: Bool
    public var noExecute: Bool
    public var accessed: Bool
    public var dirty: Bool
    /// PS: a leaf above level 1 (2M at level 2, 1G at level 3).
    public var pageSize: Bool
    /// The next table's gfn, or the first gfn of the page for a leaf.
    public var frame: UInt64

    public init(present: Bool = true, writable: Bool = true, user: Bool = true, noExecute: Bool = false,
                accessed: Bool = false, dirty: Bool = false, pageSize: Bool = false, frame: UInt64) {
        self.present = present
        self.writable = writable
        self.user = user
        self.noExecute = noExecute
        self.accessed = accessed
        self.dirty = dirty
        self.pageSize = pageSize
        self.frame = frame
    }

    /// The access this entry grants on its own (U/S, R/W, !NX).
    @inline(__always) public var access: PageAccess {
        var a: PageAccess = []
        if writable { a.insert(.write) }
        if user { a.insert(.user) }
        if !noExecute { a.insert(.exec) }
        return a
    }
}

/// Page-number arithmetic shared by every 512-entry, 9-bit-per-level radix tree in
/// the model (guest tables, TDP tables, shadow tables).
public enum PageLevel {
    /// Frames covered by one entry at `level` (1 = 4K, 2 = 2M, 3 = 1G, ...).
    @inline(__always) public static func span(_ level: Int) -> UInt64 { 1 &<< UInt64(9 * (level - 1)) }
    /// The entry index a page number selects in a table at `level`.
    @inline(__always) public static func index(_ page: UInt64, _ level: Int) -> Int {
        Int((page &>> UInt64(9 * (level - 1))) & 511)
    }
    /// `page` rounded down to a `level` boundary.
    @inline(__always) public static func align(_ page: UInt64, _ level: Int) -> UInt64 {
        page & ~(span(level) &- 1)
    }
}
