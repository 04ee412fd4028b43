/// Which bits of a present paging-structure entry must be zero (SDM vol. 3, 4.5,
/// Tables 4-14 to 4-20, and 4.7 "RSVD"): a set reserved bit makes the walk stop at
/// that entry with a page fault whose error code has P and RSVD set.
public struct ReservedBits: Sendable, Hashable {
    public let controls: PagingControls

    public init(controls: PagingControls) { self.controls = controls }

    /// Bits 51:MAXPHYADDR of every entry (the address field above the CPU's
    /// physical address width).
    public var aboveMaxPhysicalAddress: UInt64 {
        PageTableEntry.addressMask & ~controls.physicalAddressMask
    }

    /// Bit 63 (XD) when IA32_EFER.NXE = 0.
    public var executeDisableWhenOff: UInt64 {
        controls.executeDisableEnabled ? 0 : PageTableEntry.executeDisable
    }

    /// Bits 20:13 of a PDE that maps a 2 MiB page (bit 12 is PAT).
    public static let largePage2M: UInt64 = 0x1F_E000
    /// Bits 29:13 of a PDPTE that maps a 1 GiB page.
    public static let largePage1G: UInt64 = 0x3FFF_E000

    /// The reserved bits that `entry`, read at `level`, has set (0 if none).
    /// Only meaningful for a present entry: the processor ignores every other bit
    /// of a not-present one.
    public func violations(in entry: PageTableEntry, at level: PagingLevel) -> UInt64 {
        var mask = aboveMaxPhysicalAddress | executeDisableWhenOff
        let raw = entry.rawValue
        switch level {
        case .pml5, .pml4:
            // PS is reserved in PML5Es and PML4Es: they never map a page.
            mask |= PageTableEntry.pageSize
        case .pageDirectoryPointerTable:
            if entry.hasPageSize {
                // Without 1-GByte page support the PS bit itself is reserved.
                mask |= controls.supports1GPages ? Self.largePage1G : PageTableEntry.pageSize
            }
        case .pageDirectory:
            if entry.hasPageSize { mask |= Self.largePage2M }
        case .pageTable:
            break // bit 7 of a PTE is PAT, not PS
        }
        return raw & mask
    }
}
