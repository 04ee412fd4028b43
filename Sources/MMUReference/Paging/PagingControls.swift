/// The processor state that governs a 4-level or 5-level page walk: the control
/// register and MSR bits the SDM names in chapter 4, plus the CPU's MAXPHYADDR.
/// Long mode with paging (CR0.PG = CR4.PAE = EFER.LME = 1) is implied; 32-bit and
/// PAE paging are not modelled.
public struct PagingControls: Sendable, Hashable {
    /// CR3 bits M-1:12: the physical address of the top-level table (PML4, or PML5
    /// with LA57). Low bits (PCID, PWT/PCD) are ignored.
    public var cr3: UInt64
    /// CR4.LA57: 5-level paging (SDM 4.5: a PML5 table above the PML4).
    public var fiveLevel: Bool
    /// CR0.WP: supervisor writes honour R/W (SDM 4.6.1) and PKRU.WD (SDM 4.6.2).
    public var writeProtect: Bool
    /// IA32_EFER.NXE: the XD bit is honoured; when clear, bit 63 is reserved (SDM 4.5, 4.6.1).
    public var executeDisableEnabled: Bool
    /// CR4.SMEP: supervisor fetches from user-mode addresses fault (SDM 4.6.1).
    public var smep: Bool
    /// CR4.SMAP: supervisor data accesses to user-mode addresses fault unless
    /// explicit with EFLAGS.AC = 1 (SDM 4.6.1).
    public var smap: Bool
    /// CR4.PKE: protection keys for user-mode pages (SDM 4.6.2).
    public var protectionKeys: Bool
    /// PKRU, consulted only when `protectionKeys` is set.
    public var pkru: ProtectionKeyRights
    /// MAXPHYADDR (CPUID.80000008H:EAX[7:0]), 32...52. Entry bits 51:MAXPHYADDR are reserved.
    public var maxPhysicalAddressBits: Int
    /// CPUID.80000001H:EDX.Page1GB. Without it, PS = 1 in a PDPTE is a reserved-bit violation.
    public var supports1GPages: Bool

    public init(
        cr3: UInt64,
        fiveLevel: Bool = false,
        writeProtect: Bool = true,
        executeDisableEnabled: Bool = true,
        smep: Bool = false,
        smap: Bool = false,
        protectionKeys: Bool = false,
        pkru: ProtectionKeyRights = .allowAll,
        maxPhysicalAddressBits: Int = 46,
        supports1GPages: Bool = true
    ) {
        precondition((32...52).contains(maxPhysicalAddressBits), "MAXPHYADDR must be 32...52")
        self.cr3 = cr3
        self.fiveLevel = fiveLevel
        self.writeProtect = writeProtect
        self.executeDisableEnabled = executeDisableEnabled
        self.smep = smep
        self.smap = smap
        self.protectionKeys = protectionKeys
        self.pkru = pkru
        self.maxPhysicalAddressBits = maxPhysicalAddressBits
        self.supports1GPages = supports1GPages
    }

    /// The top level of the walk: PML5 with LA57, else PML4.
    public var topLevel: PagingLevel { fiveLevel ? .pml5 : .pml4 }

    /// The physical address of the top-level table (CR3 bits M-1:12).
    public var rootTableAddress: UInt64 { cr3 & PageTableEntry.addressMask & physicalAddressMask }

    /// Bits below MAXPHYADDR.
    public var physicalAddressMask: UInt64 { (1 << UInt64(maxPhysicalAddressBits)) &- 1 }

    /// SDM 3.3.7.1 / 4.5: a linear address is canonical when its bits 63:48 (63:57
    /// with LA57) are copies of bit 47 (56). A non-canonical access raises #GP, not #PF.
    public func isCanonical(_ linearAddress: UInt64) -> Bool {
        let width: UInt64 = fiveLevel ? 57 : 48
        let signExtended = UInt64(bitPattern: Int64(bitPattern: linearAddress << (64 - width)) >> Int64(64 - width))
        return signExtended == linearAddress
    }
}
