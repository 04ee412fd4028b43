/// A level of the x86-64 paging hierarchy (SDM vol. 3, 4.5). The raw value is the
/// level number KVM and the SDM's figures use: 1 for the page table, 5 for the PML5.
public enum PagingLevel: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case pageTable = 1
    case pageDirectory = 2
    case pageDirectoryPointerTable = 3
    case pml4 = 4
    case pml5 = 5

    /// The first linear-address bit of this level's 9-bit table index
    /// (PT: 20:12, PD: 29:21, PDPT: 38:30, PML4: 47:39, PML5: 56:48).
    public var indexShift: UInt64 { UInt64(12 + 9 * (rawValue - 1)) }

    /// The index (0...511) of `linearAddress`'s entry in a table of this level.
    public func index(of linearAddress: UInt64) -> Int {
        Int((linearAddress >> indexShift) & 0x1FF)
    }

    /// The page an entry of this level maps when it is a leaf: 4 KiB for a PTE,
    /// 2 MiB for a PDE with PS, 1 GiB for a PDPTE with PS; nil for PML4E/PML5E,
    /// which are never leaves.
    public var leafPageSize: PageSize? {
        switch self {
        case .pageTable: .size4K
        case .pageDirectory: .size2M
        case .pageDirectoryPointerTable: .size1G
        case .pml4, .pml5: nil
        }
    }

    /// The level below, nil for the page table.
    public var next: PagingLevel? { PagingLevel(rawValue: rawValue - 1) }

    public static func < (a: PagingLevel, b: PagingLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .pageTable: "PTE"
        case .pageDirectory: "PDE"
        case .pageDirectoryPointerTable: "PDPTE"
        case .pml4: "PML4E"
        case .pml5: "PML5E"
        }
    }
}

/// The size of the page a translation maps (SDM 4.5: 4 KiB, 2 MiB or 1 GiB).
public enum PageSize: UInt64, Sendable, Hashable, CaseIterable {
    case size4K = 0x1000
    case size2M = 0x20_0000
    case size1G = 0x4000_0000

    public var bytes: UInt64 { rawValue }
    /// Mask of the page-offset bits of a linear address.
    public var offsetMask: UInt64 { rawValue - 1 }
}
