/// The bits of an x86-64 paging-structure entry (SDM vol. 3, 4.5, Tables 4-14 to
/// 4-20: the formats of PML5E, PML4E, PDPTE, PDE and PTE for 4-level and 5-level
/// paging). All levels share the low flag bits, the address field and XD; PS is
/// meaningful only in PDPTEs and PDEs (bit 7 of a PTE is PAT), the protection key
/// only in leaf entries.
public struct PageTableEntry: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Bit 0, P: the entry is present.
    public static let present: UInt64 = 1 << 0
    /// Bit 1, R/W: writes allowed through this entry.
    public static let writable: UInt64 = 1 << 1
    /// Bit 2, U/S: user-mode accesses allowed through this entry.
    public static let user: UInt64 = 1 << 2
    /// Bit 5, A: accessed (SDM 4.8).
    public static let accessed: UInt64 = 1 << 5
    /// Bit 6, D: dirty, leaf entries only (SDM 4.8).
    public static let dirty: UInt64 = 1 << 6
    /// Bit 7, PS: in a PDPTE or PDE, the entry maps a 1 GiB or 2 MiB page.
    public static let pageSize: UInt64 = 1 << 7
    /// Bits 62:59, the protection key of a leaf entry (SDM 4.6.2).
    public static let protectionKeyShift: UInt64 = 59
    public static let protectionKeyMask: UInt64 = 0xF << 59
    /// Bit 63, XD (execute-disable); reserved when IA32_EFER.NXE = 0.
    public static let executeDisable: UInt64 = 1 << 63
    /// Bits 51:12: the widest possible physical address of the next table or the
    /// 4 KiB page (bits at or above MAXPHYADDR are reserved, see `ReservedBits`).
    public static let addressMask: UInt64 = 0x000F_FFFF_FFFF_F000

    public var isPresent: Bool { rawValue & Self.present != 0 }
    public var isWritable: Bool { rawValue & Self.writable != 0 }
    public var isUser: Bool { rawValue & Self.user != 0 }
    public var isAccessed: Bool { rawValue & Self.accessed != 0 }
    public var isDirty: Bool { rawValue & Self.dirty != 0 }
    public var hasPageSize: Bool { rawValue & Self.pageSize != 0 }
    public var isExecuteDisable: Bool { rawValue & Self.executeDisable != 0 }
    public var protectionKey: Int { Int((rawValue & Self.protectionKeyMask) >> Self.protectionKeyShift) }

    /// The physical address this entry points at (a table or a 4 KiB frame).
    public var address: UInt64 { rawValue & Self.addressMask }

    /// Builds an entry from its parts; `flags` are the bit constants above.
    public init(address: UInt64, flags: UInt64 = 0, protectionKey: Int = 0) {
        rawValue = (address & Self.addressMask) | flags
            | ((UInt64(protectionKey) << Self.protectionKeyShift) & Self.protectionKeyMask)
    }
}
