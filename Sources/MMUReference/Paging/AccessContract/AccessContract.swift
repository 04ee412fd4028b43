/// `mmu-review model access` (shared/model/ACCESS.md): builds the fixed page tables
/// a flag set describes in guest memory and runs the general `PageWalker` over
/// them. Nothing here decides a fault by itself; it only translates flags into
/// entries and control bits, and reads the A/D bits back out of memory.
public struct AccessContract: Sendable, Hashable {
    public let maxPhysicalAddressBits: Int

    /// `maxPhysicalAddressBits` is the `--maxphyaddr` option, 32...52.
    public init(maxPhysicalAddressBits: Int = 46) {
        precondition((32...52).contains(maxPhysicalAddressBits), "MAXPHYADDR must be 32...52")
        self.maxPhysicalAddressBits = maxPhysicalAddressBits
    }

    // The fixed layout: one table per level at low physical addresses (below any
    // legal MAXPHYADDR), and a linear address whose table indexes are all different
    // so a wrong index shows up as a not-present entry.
    static let pml4Base: UInt64 = 0x1000
    static let pdptBase: UInt64 = 0x2000
    static let pageDirectoryBase: UInt64 = 0x3000
    static let pageTableBase: UInt64 = 0x4000
    static let frame4K: UInt64 = 0x5000
    static let frame2M: UInt64 = 0x20_0000
    /// PML4 index 1, PDPT index 2, PD index 3, PT index 4, offset 0x567.
    public static let linearAddress: UInt64 = 1 << 39 | 2 << 30 | 3 << 21 | 4 << 12 | 0x567

    static var pdeAddress: UInt64 {
        pageDirectoryBase + UInt64(PagingLevel.pageDirectory.index(of: linearAddress)) * 8
    }

    /// The result line for `flags`, without the newline.
    public func resultLine(for flags: AccessFlagSet) -> String {
        outcome(for: flags).description
    }

    /// The structured result for `flags`.
    public func outcome(for flags: AccessFlagSet) -> AccessOutcome {
        var memory = PageTableScratchMemory()
        let pteAddress = buildTables(flags, in: &memory)
        let walker = PageWalker(controls: controls(flags))

        if flags.contains(.accessTwice) {
            // A supervisor read of the same address first; its A updates stay.
            let first = LinearAccess(address: Self.linearAddress, intent: .read, privilege: .supervisor)
            _ = walker.walk(first, in: &memory)
        }
        var intent: LinearAccess.Intent = .read
        if flags.contains(.accessWrite) { intent.insert(.write) }
        if flags.contains(.accessFetch) { intent.insert(.instructionFetch) }
        let access = LinearAccess(
            address: Self.linearAddress, intent: intent,
            privilege: flags.contains(.accessUser) ? .user : .supervisor)
        let result = walker.walk(access, in: &memory)

        let fault = result.pageFault
        let pde = PageTableEntry(rawValue: memory.readEntry(at: Self.pdeAddress))
        let pte = pteAddress.map { PageTableEntry(rawValue: memory.readEntry(at: $0)) }
        return AccessOutcome(
            fault: fault != nil, errorCode: fault?.errorCode ?? [],
            pteAccessed: pte?.isAccessed, pteDirty: pte?.isDirty,
            pdeAccessed: pde.isAccessed, pdeDirty: pde.isDirty)
    }

    /// The control registers, PKRU and MAXPHYADDR the flags select.
    func controls(_ flags: AccessFlagSet) -> PagingControls {
        PagingControls(
            cr3: Self.pml4Base,
            fiveLevel: false,
            writeProtect: flags.contains(.cr0WP),
            executeDisableEnabled: flags.contains(.eferNX),
            smep: flags.contains(.cr4SMEP),
            smap: false,
            protectionKeys: flags.contains(.cr4PKE),
            pkru: ProtectionKeyRights.allowAll.setting(
                key: 1, accessDisable: flags.contains(.pkuAccessDisable),
                writeDisable: flags.contains(.pkuWriteDisable)),
            maxPhysicalAddressBits: maxPhysicalAddressBits)
    }

    /// Writes PML4E, PDPTE, PDE and (unless the PDE maps 2 MiB) the PTE. The PTE
    /// lives where the PDE's address field points, bits 13/36/51 included, so the
    /// walker finds it exactly as hardware would. Returns the PTE's address.
    func buildTables(_ flags: AccessFlagSet, in memory: inout PageTableScratchMemory) -> UInt64? {
        let la = Self.linearAddress
        func slot(_ base: UInt64, _ level: PagingLevel) -> UInt64 { base + UInt64(level.index(of: la)) * 8 }
        let leafKey = flags.contains(.pkuKey1) ? 1 : 0

        let pml4e = PageTableEntry(
            address: Self.pdptBase,
            flags: PageTableEntry.present | PageTableEntry.writable | PageTableEntry.user)
        memory.writeEntry(pml4e.rawValue, at: slot(Self.pml4Base, .pml4))

        let pdpte = PageTableEntry(
            address: Self.pageDirectoryBase,
            flags: PageTableEntry.present | PageTableEntry.user
                | (flags.contains(.pdpteReadOnly) ? 0 : PageTableEntry.writable))
        memory.writeEntry(pdpte.rawValue, at: slot(Self.pdptBase, .pageDirectoryPointerTable))

        let isLargePage = flags.contains(.pdePageSize)
        var pde = isLargePage ? Self.frame2M : Self.pageTableBase
        pde |= bits(flags, [
            (.pdePresent, PageTableEntry.present), (.pdeWritable, PageTableEntry.writable),
            (.pdeUser, PageTableEntry.user), (.pdeAccessed, PageTableEntry.accessed),
            (.pdeDirty, PageTableEntry.dirty), (.pdeExecuteDisable, PageTableEntry.executeDisable),
            (.pdePageSize, PageTableEntry.pageSize),
            (.pdeBit51, 1 << 51), (.pdeBit36, 1 << 36), (.pdeBit13, 1 << 13),
        ])
        if isLargePage { pde |= UInt64(leafKey) << PageTableEntry.protectionKeyShift }
        memory.writeEntry(pde, at: slot(Self.pageDirectoryBase, .pageDirectory))
        if isLargePage { return nil }

        var pte = Self.frame4K | UInt64(leafKey) << PageTableEntry.protectionKeyShift
        pte |= bits(flags, [
            (.ptePresent, PageTableEntry.present), (.pteWritable, PageTableEntry.writable),
            (.pteUser, PageTableEntry.user), (.pteAccessed, PageTableEntry.accessed),
            (.pteDirty, PageTableEntry.dirty), (.pteExecuteDisable, PageTableEntry.executeDisable),
            (.pteBit51, 1 << 51), (.pteBit36, 1 << 36),
        ])
        let pteAddress = slot(PageTableEntry(rawValue: pde).address, .pageTable)
        memory.writeEntry(pte, at: pteAddress)
        return pteAddress
    }

    private func bits(_ flags: AccessFlagSet, _ table: [(AccessFlag, UInt64)]) -> UInt64 {
        var raw: UInt64 = 0
        for (flag, bit) in table where flags.contains(flag) { raw |= bit }
        return raw
    }
}

/// The four entries of the contract's page tables, stored inline so that one
/// evaluation allocates nothing (the stream evaluates millions). Anything else
/// reads as zero, i.e. not present.
struct PageTableScratchMemory: GuestPhysicalMemory {
    private var addresses: (UInt64, UInt64, UInt64, UInt64) = (.max, .max, .max, .max)
    private var values: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    func readEntry(at address: UInt64) -> UInt64 {
        if address == addresses.0 { return values.0 }
        if address == addresses.1 { return values.1 }
        if address == addresses.2 { return values.2 }
        if address == addresses.3 { return values.3 }
        return 0
    }

    mutating func writeEntry(_ value: UInt64, at address: UInt64) {
        if address == addresses.0 || addresses.0 == .max { addresses.0 = address; values.0 = value; return }
        if address == addresses.1 || addresses.1 == .max { addresses.1 = address; values.1 = value; return }
        if address == addresses.2 || addresses.2 == .max { addresses.2 = address; values.2 = value; return }
        if address == addresses.3 || addresses.3 == .max { addresses.3 = address; values.3 = value; return }
        preconditionFailure("the access contract's tables have four entries")
    }
}
