/// Where the explorer and tests put the guest's page tables (gfns inside the first memslot).
public enum GuestLayout {
    /// Two L1 root tables, to switch CR3 between.
    public static let cr3Roots: [UInt64] = [1, 2]
    /// L1's root table for L2 (nested paging).
    public static let nestedRoot: UInt64 = 3
    /// Lower-level tables.
    public static let tables: [UInt64] = [4, 5, 6, 7]
    public static var allTables: [UInt64] { cr3Roots + [nestedRoot] + tables }
}
