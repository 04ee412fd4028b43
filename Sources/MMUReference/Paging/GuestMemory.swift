/// Guest physical memory as the page walker sees it: 8-byte paging-structure
/// entries addressed by guest physical address (SDM vol. 3, 4.5: every
/// paging-structure entry is 64 bits, read from the table whose base comes from
/// CR3 or the previous entry).
///
/// The walker only reads entries and writes back A/D updates (SDM 4.8), so this is
/// all the model of the guest's RAM that paging needs. Addresses passed in are
/// always 8-byte aligned.
public protocol GuestPhysicalMemory {
    /// The 64-bit entry at `address`. Memory that holds nothing reads as zero,
    /// i.e. as a not-present entry.
    func readEntry(at address: UInt64) -> UInt64

    /// Stores a 64-bit entry at `address` (used for the A/D updates of a walk).
    mutating func writeEntry(_ value: UInt64, at address: UInt64)
}

/// A sparse guest memory: only the entries that were written exist, anything else
/// reads as zero. Good for building page tables by hand anywhere in the 52-bit
/// physical address space.
public struct SparseGuestMemory: GuestPhysicalMemory, Sendable, Hashable {
    public private(set) var entries: [UInt64: UInt64]

    public init(entries: [UInt64: UInt64] = [:]) {
        self.entries = entries
    }

    public func readEntry(at address: UInt64) -> UInt64 {
        entries[address] ?? 0
    }

    public mutating func writeEntry(_ value: UInt64, at address: UInt64) {
        entries[address] = value
    }

    /// Convenience for table building: stores the entry at `index` (0...511) of the
    /// 4 KiB table at `tableBase`.
    public mutating func setEntry(_ value: UInt64, table tableBase: UInt64, index: Int) {
        writeEntry(value, at: tableBase + UInt64(index) * 8)
    }
}
