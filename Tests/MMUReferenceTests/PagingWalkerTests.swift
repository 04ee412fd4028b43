import MMUReference
import Testing

/// The general walker API on page tables built by hand: 5-level and 4-level walks,
/// 1 GiB / 2 MiB / 4 KiB leaves, canonicality, reserved bits that the access
/// contract cannot express, SMAP with EFLAGS.AC and implicit accesses, protection
/// keys other than key 1, and the A/D writes the walk reports.
private let p = PageTableEntry.present, rw = PageTableEntry.writable, us = PageTableEntry.user
private let xd = PageTableEntry.executeDisable, ps = PageTableEntry.pageSize

@Suite("Paging: general page walker")
struct PagingWalkerTests {

    /// Tables at fixed addresses; each test writes the entries it needs.
    struct Tables {
        static let pml5: UInt64 = 0x10_000, pml4: UInt64 = 0x11_000, pdpt: UInt64 = 0x12_000
        static let pd: UInt64 = 0x13_000, pt: UInt64 = 0x14_000
        var memory = SparseGuestMemory()

        mutating func set(_ table: UInt64, _ level: PagingLevel, for la: UInt64, _ value: UInt64) {
            memory.setEntry(value, table: table, index: level.index(of: la))
        }

        func entry(_ table: UInt64, _ level: PagingLevel, for la: UInt64) -> PageTableEntry {
            PageTableEntry(rawValue: memory.readEntry(at: table + UInt64(level.index(of: la)) * 8))
        }

        /// PML4 -> PDPT -> PD -> PT, all P|RW|US, plus a leaf PTE with `leafFlags`.
        mutating func map4K(_ la: UInt64, frame: UInt64, leafFlags: UInt64, key: Int = 0) {
            set(Self.pml4, .pml4, for: la, Self.pdpt | p | rw | us)
            set(Self.pdpt, .pageDirectoryPointerTable, for: la, Self.pd | p | rw | us)
            set(Self.pd, .pageDirectory, for: la, Self.pt | p | rw | us)
            set(Self.pt, .pageTable, for: la, PageTableEntry(address: frame, flags: leafFlags, protectionKey: key).rawValue)
        }
    }

    static func access(_ la: UInt64, _ intent: LinearAccess.Intent = .read,
                       _ privilege: LinearAccess.Privilege = .supervisor) -> LinearAccess {
        LinearAccess(address: la, intent: intent, privilege: privilege)
    }

    @Test func fiveLevelWalkTo4KPage() throws {
        // PML5 index 0x1A3 (bits 56:48), so bits 63:57 must copy bit 56 = 1.
        let la: UInt64 = 0xFFA3_0000_0000_0000 | 5 << 39 | 6 << 30 | 7 << 21 | 8 << 12 | 0xABC
        var t = Tables()
        t.set(Tables.pml5, .pml5, for: la, Tables.pml4 | p | rw | us)
        t.map4K(la, frame: 0x7_7777_7000, leafFlags: p | rw | us)
        let walker = PageWalker(controls: PagingControls(cr3: Tables.pml5, fiveLevel: true))

        let result = walker.walk(Self.access(la, .write, .user), in: &t.memory)
        let translation = try #require(result.translation)
        #expect(translation.physicalAddress == 0x7_7777_7ABC)
        #expect(translation.pageSize == .size4K)
        #expect(translation.permissions == EffectivePermissions(writable: true, user: true, executeDisable: false, protectionKey: 0))
        #expect(translation.path.map(\.level) == [.pml5, .pml4, .pageDirectoryPointerTable, .pageDirectory, .pageTable])
        #expect(translation.path.map(\.entryAddress) == [
            Tables.pml5 + 0x1A3 * 8, Tables.pml4 + 5 * 8, Tables.pdpt + 6 * 8, Tables.pd + 7 * 8, Tables.pt + 8 * 8,
        ])
        // SDM 4.8: A in every entry, D only in the leaf, written to guest memory.
        #expect(translation.path.updates.count == 5)
        #expect(t.entry(Tables.pml5, .pml5, for: la).isAccessed)
        #expect(!t.entry(Tables.pd, .pageDirectory, for: la).isDirty)
        let pte = t.entry(Tables.pt, .pageTable, for: la)
        #expect(pte.isAccessed && pte.isDirty)

        // The same walk again changes nothing more.
        let again = walker.walk(Self.access(la, .write, .user), in: &t.memory)
        #expect(again.translation?.path.updates.isEmpty == true)

        // A 57-bit address is not canonical under 4-level paging: #GP, no walk.
        let fourLevel = PageWalker(controls: PagingControls(cr3: Tables.pml4))
        #expect(fourLevel.walk(Self.access(la), in: &t.memory) == .nonCanonical)
        // And bit 56 without the upper copies is not canonical under 5-level paging.
        #expect(walker.walk(Self.access(la & ~(0x7F << 57)), in: &t.memory) == .nonCanonical)
    }

    @Test func oneGigabytePages() throws {
        let la: UInt64 = 3 << 39 | 5 << 30 | 0x1234_5678
        var t = Tables()
        t.set(Tables.pml4, .pml4, for: la, Tables.pdpt | p | rw | us)
        t.set(Tables.pdpt, .pageDirectoryPointerTable, for: la, 0x40_4000_0000 | p | rw | ps)
        let controls = PagingControls(cr3: Tables.pml4)
        let result = PageWalker(controls: controls).walk(Self.access(la, .write), in: &t.memory)
        let translation = try #require(result.translation)
        #expect(translation.pageSize == .size1G)
        #expect(translation.physicalAddress == 0x40_4000_0000 | 0x1234_5678)
        #expect(translation.pageFrame == 0x40_4000_0000)
        let pdpte = t.entry(Tables.pdpt, .pageDirectoryPointerTable, for: la)
        #expect(pdpte.isAccessed && pdpte.isDirty)

        // Bits 29:13 of a 1 GiB PDPTE are reserved (bit 12 is PAT, bit 30 is address).
        for (bit, reserved) in [(12, false), (13, true), (21, true), (29, true), (30, false)] {
            var m = SparseGuestMemory()
            m.setEntry(Tables.pdpt | p | rw, table: Tables.pml4, index: 3)
            m.setEntry(0x40_4000_0000 | p | rw | ps | 1 << UInt64(bit), table: Tables.pdpt, index: 5)
            let r = PageWalker(controls: controls).walk(Self.access(la), in: &m)
            #expect((r.pageFault?.errorCode == [.present, .reservedBit]) == reserved, "bit \(bit)")
        }

        // Without 1-GByte page support, PS in a PDPTE is itself reserved.
        var noHuge = controls
        noHuge.supports1GPages = false
        var m = t.memory
        let fault = try #require(PageWalker(controls: noHuge).walk(Self.access(la), in: &m).pageFault)
        #expect(fault.errorCode == [.present, .reservedBit])
        #expect(fault.level == .pageDirectoryPointerTable)
    }

    @Test func twoMegabytePagePhysicalAddress() throws {
        let la: UInt64 = 1 << 39 | 1 << 30 | 9 << 21 | 0x1_2345
        var t = Tables()
        t.set(Tables.pml4, .pml4, for: la, Tables.pdpt | p | rw | us)
        t.set(Tables.pdpt, .pageDirectoryPointerTable, for: la, Tables.pd | p | rw | us)
        // Bit 12 (PAT) is not part of the frame.
        t.set(Tables.pd, .pageDirectory, for: la, 0x8_0020_0000 | 1 << 12 | p | ps)
        let translation = try #require(
            PageWalker(controls: PagingControls(cr3: Tables.pml4)).walk(Self.access(la), in: &t.memory).translation)
        #expect(translation.pageSize == .size2M)
        #expect(translation.physicalAddress == 0x8_0020_0000 | 0x1_2345)
        #expect(translation.permissions.writable == false && translation.permissions.user == false)
    }

    @Test func psIsReservedInPML4AndPML5Entries() throws {
        let la: UInt64 = 2 << 39
        var t = Tables()
        t.set(Tables.pml4, .pml4, for: la, Tables.pdpt | p | rw | us | ps)
        let fault = try #require(
            PageWalker(controls: PagingControls(cr3: Tables.pml4)).walk(Self.access(la, .read, .user), in: &t.memory).pageFault)
        #expect(fault.errorCode == [.present, .reservedBit, .user])
        #expect(fault.level == .pml4)
        #expect(fault.path.updates.isEmpty)

        var t5 = Tables()
        t5.set(Tables.pml5, .pml5, for: la, Tables.pml4 | p | ps)
        let fault5 = try #require(
            PageWalker(controls: PagingControls(cr3: Tables.pml5, fiveLevel: true)).walk(Self.access(la), in: &t5.memory).pageFault)
        #expect(fault5.level == .pml5 && fault5.errorCode == [.present, .reservedBit])
    }

    @Test func maxPhysicalAddressDecidesReservedAddressBits() {
        let la: UInt64 = 0x4000_1000
        for (maxPhys, bit, reserved) in [(36, 36, true), (36, 35, false), (39, 38, false), (39, 39, true),
                                         (46, 45, false), (46, 46, true), (52, 51, false)] {
            var t = Tables()
            t.map4K(la, frame: 0x9000 | 1 << UInt64(bit), leafFlags: p)
            let walker = PageWalker(controls: PagingControls(cr3: Tables.pml4, maxPhysicalAddressBits: maxPhys))
            let result = walker.walk(Self.access(la), in: &t.memory)
            #expect((result.pageFault?.errorCode == [.present, .reservedBit]) == reserved, "M=\(maxPhys) bit \(bit)")
            if !reserved { #expect(result.translation?.physicalAddress == 0x9000 | 1 << UInt64(bit)) }
        }
    }

    @Test func smapWithAlignmentCheckAndImplicitAccesses() {
        let la: UInt64 = 0x7000_0000
        var t = Tables()
        t.map4K(la, frame: 0x5000, leafFlags: p | us)  // a read-only user page
        let controls = PagingControls(cr3: Tables.pml4, smap: true)
        func code(_ intent: LinearAccess.Intent, _ privilege: LinearAccess.Privilege,
                  _ c: PagingControls = controls) -> PageFaultErrorCode? {
            var m = t.memory
            let r = PageWalker(controls: c).walk(Self.access(la, intent, privilege), in: &m)
            return r.translation != nil ? nil : r.pageFault?.errorCode
        }
        #expect(code(.read, .supervisor(alignmentCheck: false)) == [.present])
        #expect(code(.read, .supervisor(alignmentCheck: true)) == nil)
        #expect(code(.read, .implicitSupervisor) == [.present])
        #expect(code(.read, .user) == nil)
        // AC=1 lifts SMAP, but CR0.WP still applies to the read-only page.
        #expect(code(.write, .supervisor(alignmentCheck: true)) == [.present, .write])
        var noWP = controls
        noWP.writeProtect = false
        #expect(code(.write, .supervisor(alignmentCheck: true), noWP) == nil)
        #expect(code(.write, .implicitSupervisor, noWP) == [.present, .write])
        // SMAP does not apply to fetches (SMEP does).
        #expect(code(.instructionFetch, .supervisor) == nil)
        var smep = controls
        smep.smep = true
        #expect(code(.instructionFetch, .supervisor, smep) == [.present, .instructionFetch])
    }

    @Test func protectionKeysPerKey() {
        let la: UInt64 = 0x7000_0000
        var t = Tables()
        t.map4K(la, frame: 0x5000, leafFlags: p | rw | us, key: 9)
        func code(_ pkru: ProtectionKeyRights, _ intent: LinearAccess.Intent,
                  _ privilege: LinearAccess.Privilege = .user, pke: Bool = true) -> PageFaultErrorCode? {
            var m = t.memory
            let c = PagingControls(cr3: Tables.pml4, protectionKeys: pke, pkru: pkru)
            return PageWalker(controls: c).walk(Self.access(la, intent, privilege), in: &m).pageFault?.errorCode
        }
        let ad9 = ProtectionKeyRights.allowAll.setting(key: 9, accessDisable: true, writeDisable: false)
        let wd9 = ProtectionKeyRights.allowAll.setting(key: 9, accessDisable: false, writeDisable: true)
        let others = ProtectionKeyRights(rawValue: ~ad9.rawValue & ~wd9.rawValue)  // every key but 9 disabled
        #expect(code(ad9, .read) == [.present, .user, .protectionKey])
        #expect(code(wd9, .read) == nil)
        #expect(code(wd9, .write) == [.present, .write, .user, .protectionKey])
        #expect(code(wd9, .write, .supervisor) == [.present, .write, .protectionKey])
        #expect(code(others, .write) == nil)
        #expect(code(ad9, .instructionFetch) == nil)
        #expect(code(ad9, .read, pke: false) == nil)
        #expect(ad9.accessDisabled(key: 9) && !ad9.writeDisabled(key: 9) && !ad9.accessDisabled(key: 8))

        // The key of the leaf is reported in the permissions.
        var m = t.memory
        let c = PagingControls(cr3: Tables.pml4, protectionKeys: true)
        #expect(PageWalker(controls: c).walk(Self.access(la), in: &m).translation?.permissions.protectionKey == 9)
    }

    @Test func executeDisableInAnUpperLevel() throws {
        let la: UInt64 = 0x7000_0000
        var t = Tables()
        t.map4K(la, frame: 0x5000, leafFlags: p | rw)
        t.set(Tables.pml4, .pml4, for: la, Tables.pdpt | p | rw | us | xd)
        var m = t.memory
        let fetch = PageWalker(controls: PagingControls(cr3: Tables.pml4)).walk(Self.access(la, .instructionFetch), in: &m)
        #expect(fetch.pageFault?.errorCode == [.present, .instructionFetch])
        #expect(fetch.pageFault?.level == .pageTable)
        // The upper levels were passed (A set), the leaf was not accessed.
        #expect(fetch.path.updates.map(\.level) == [.pml4, .pageDirectoryPointerTable, .pageDirectory])
        let read = PageWalker(controls: PagingControls(cr3: Tables.pml4)).walk(Self.access(la), in: &m)
        #expect(read.translation?.permissions.executeDisable == true)
        // With EFER.NXE clear, the XD bit is reserved: the walk stops at the PML4E.
        var m2 = t.memory
        let off = PageWalker(controls: PagingControls(cr3: Tables.pml4, executeDisableEnabled: false))
            .walk(Self.access(la), in: &m2)
        #expect(off.pageFault?.errorCode == [.present, .reservedBit])
        #expect(off.pageFault?.level == .pml4)
        #expect(m2 == t.memory)
    }

    @Test func notPresentFaultsKeepThePathAndAddress() throws {
        let la: UInt64 = 0x7000_0123
        var t = Tables()
        t.map4K(la, frame: 0x5000, leafFlags: 0)
        let fault = try #require(
            PageWalker(controls: PagingControls(cr3: Tables.pml4)).walk(Self.access(la, .write, .user), in: &t.memory).pageFault)
        #expect(fault.errorCode == [.write, .user])
        #expect(fault.address == la)
        #expect(fault.level == .pageTable)
        #expect(fault.path.count == 4)
        #expect(fault.path.step(at: .pageDirectory)?.updatedEntry.isAccessed == true)
        #expect(fault.errorCode.description == "0x6")
    }
}
