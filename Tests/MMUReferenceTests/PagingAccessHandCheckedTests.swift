import MMUReference
import Testing

/// Result lines worked out by hand from the SDM (vol. 3, 4.5-4.8) for the contract's
/// fixed page tables, one per rule or error-code bit.
@Suite("Paging: hand-checked access contract lines")
struct PagingAccessHandCheckedTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var flags: String
        var maxPhysicalAddressBits = 46
        var expected: String
        var testDescription: String { "[\(maxPhysicalAddressBits)] \(flags)" }
    }

    static let cases: [Case] = [
        // The contract's own example: user write to a read-only page (P|W|U).
        Case(flags: "pte.p pte.user pde.p pde.rw pde.user access.user access.write",
             expected: "fault=1 ec=0x7 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // Not present: P clear in the error code; the PDE was passed, so its A is set.
        Case(flags: "pde.p pde.user access.user",
             expected: "fault=1 ec=0x4 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p access.write",
             expected: "fault=1 ec=0x2 pte.a=0 pte.d=0 pde.a=0 pde.d=0"),
        // Not present wins over reserved bits (they are ignored in a not-present entry).
        Case(flags: "pte.51 pde.p", expected: "fault=1 ec=0x0 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // RSVD: bit 51 below MAXPHYADDR 52, bit 36 only at MAXPHYADDR <= 36.
        Case(flags: "pte.p pte.51 pde.p", expected: "fault=1 ec=0x9 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.51 pde.p", maxPhysicalAddressBits: 52,
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.36 pde.p", expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.36 pde.p", maxPhysicalAddressBits: 36,
             expected: "fault=1 ec=0x9 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // A reserved bit in the PDE stops the walk there: the PDE is not passed.
        Case(flags: "pte.p pde.p pde.36", maxPhysicalAddressBits: 36,
             expected: "fault=1 ec=0x9 pte.a=0 pte.d=0 pde.a=0 pde.d=0"),
        // At MAXPHYADDR 46, bit 36 of a non-leaf PDE is an address bit: the PT is at 64 GiB.
        Case(flags: "pte.p pde.p pde.36", expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pde.p pde.51 access.user", expected: "fault=1 ec=0xd pte.a=0 pte.d=0 pde.a=0 pde.d=0"),
        // Bit 13: an address bit of a non-leaf PDE, reserved in a 2 MiB PDE.
        Case(flags: "pte.p pde.p pde.13", expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pde.p pde.pse pde.13", expected: "fault=1 ec=0x9 pte.a=- pte.d=- pde.a=0 pde.d=0"),
        // XD is reserved without EFER.NXE, honoured with it.
        Case(flags: "pte.p pte.nx pde.p", expected: "fault=1 ec=0x9 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pde.p pde.nx", expected: "fault=1 ec=0x9 pte.a=0 pte.d=0 pde.a=0 pde.d=0"),
        Case(flags: "pte.p pte.nx pde.p cpu.efer.nx", expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.nx pde.p access.fetch cpu.efer.nx",
             expected: "fault=1 ec=0x11 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pde.p pde.nx access.fetch cpu.efer.nx",
             expected: "fault=1 ec=0x11 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // I/D only with NXE or SMEP.
        Case(flags: "pde.p access.fetch", expected: "fault=1 ec=0x0 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pde.p access.fetch cpu.cr4.smep", expected: "fault=1 ec=0x10 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // SMEP: supervisor fetch from a user page.
        Case(flags: "pte.p pte.user pde.p pde.user access.fetch cpu.cr4.smep",
             expected: "fault=1 ec=0x11 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p access.fetch cpu.cr4.smep",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user access.fetch",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        // CR0.WP: supervisor writes to read-only pages succeed only with WP = 0.
        Case(flags: "pte.p pde.p access.write", expected: "fault=0 ec=0x0 pte.a=1 pte.d=1 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pde.p access.write cpu.cr0.wp", expected: "fault=1 ec=0x3 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.rw pde.p pde.rw pdpte.ro access.write cpu.cr0.wp",
             expected: "fault=1 ec=0x3 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // User writes ignore CR0.WP; user reads of supervisor pages fault.
        Case(flags: "pte.p pte.user pde.p pde.user pdpte.ro pte.rw pde.rw access.user access.write",
             expected: "fault=1 ec=0x7 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p access.user", expected: "fault=1 ec=0x5 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // Protection keys: AD blocks data accesses to user pages with key 1 (PK|P).
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad cpu.cr4.pke access.user",
             expected: "fault=1 ec=0x25 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad cpu.cr4.pke",
             expected: "fault=1 ec=0x21 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.ad cpu.cr4.pke access.user",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad access.user",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad cpu.cr4.pke access.user access.fetch",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pde.p pku.pkey pku.ad cpu.cr4.pke",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        // WD: user writes always, supervisor writes only with CR0.WP = 1.
        Case(flags: "pte.p pte.rw pte.user pde.p pde.rw pde.user pku.pkey pku.wd cpu.cr4.pke access.user access.write",
             expected: "fault=1 ec=0x27 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.rw pte.user pde.p pde.rw pde.user pku.pkey pku.wd cpu.cr4.pke access.write",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=1 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.rw pte.user pde.p pde.rw pde.user pku.pkey pku.wd cpu.cr4.pke access.write cpu.cr0.wp",
             expected: "fault=1 ec=0x23 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // PK is reported alongside an ordinary violation.
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.wd cpu.cr4.pke access.user access.write",
             expected: "fault=1 ec=0x27 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // 2 MiB leaves: A/D land in the PDE; the PTE flags are not read.
        Case(flags: "pde.p pde.pse pde.rw access.write cpu.cr0.wp",
             expected: "fault=0 ec=0x0 pte.a=- pte.d=- pde.a=1 pde.d=1"),
        Case(flags: "pde.p pde.pse", expected: "fault=0 ec=0x0 pte.a=- pte.d=- pde.a=1 pde.d=0"),
        Case(flags: "pde.p pde.pse pte.51 pte.nx pte.a", expected: "fault=0 ec=0x0 pte.a=- pte.d=- pde.a=1 pde.d=0"),
        Case(flags: "pde.p pde.pse access.user", expected: "fault=1 ec=0x5 pte.a=- pte.d=- pde.a=0 pde.d=0"),
        Case(flags: "pde.p pde.pse pde.36", maxPhysicalAddressBits: 36,
             expected: "fault=1 ec=0x9 pte.a=- pte.d=- pde.a=0 pde.d=0"),
        // A and D already set stay set; D of a non-leaf PDE is left alone.
        Case(flags: "pte.p pte.a pte.d pde.p pde.d", expected: "fault=0 ec=0x0 pte.a=1 pte.d=1 pde.a=1 pde.d=1"),
        Case(flags: "pte.p pte.a pde.p pde.a access.user", expected: "fault=1 ec=0x5 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        // access.twice: the supervisor read's A updates survive the second access's fault.
        Case(flags: "pte.p pde.p access.user access.twice", expected: "fault=1 ec=0x5 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pde.p pde.pse access.user access.twice", expected: "fault=1 ec=0x5 pte.a=- pte.d=- pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad cpu.cr4.pke access.user access.twice",
             expected: "fault=1 ec=0x25 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.user pde.p pde.user pku.pkey pku.ad cpu.cr4.pke access.user access.fetch access.twice",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=0 pde.a=1 pde.d=0"),
        // write + fetch together: both rules apply, W and I/D both reported.
        Case(flags: "pte.p pte.rw pde.p pde.rw access.write access.fetch cpu.efer.nx",
             expected: "fault=0 ec=0x0 pte.a=1 pte.d=1 pde.a=1 pde.d=0"),
        Case(flags: "pte.p pte.rw pte.nx pde.p pde.rw access.write access.fetch cpu.efer.nx",
             expected: "fault=1 ec=0x13 pte.a=0 pte.d=0 pde.a=1 pde.d=0"),
        // The empty set: nothing is present.
        Case(flags: "", expected: "fault=1 ec=0x0 pte.a=0 pte.d=0 pde.a=0 pde.d=0"),
    ]

    @Test("contract result line", arguments: cases)
    func contractLine(_ c: Case) throws {
        let flags = try AccessFlagSet(parsing: c.flags)
        let contract = AccessContract(maxPhysicalAddressBits: c.maxPhysicalAddressBits)
        #expect(contract.resultLine(for: flags) == c.expected)
    }

    @Test("oracle agrees with the hand-checked lines", arguments: cases)
    func oracleLine(_ c: Case) throws {
        let flags = try AccessFlagSet(parsing: c.flags)
        let oracle = PagingAccessOracle(maxPhysicalAddressBits: c.maxPhysicalAddressBits)
        #expect(oracle.expectedLine(flags.rawValue) == c.expected)
    }

    @Test func flagNamesRoundTrip() throws {
        #expect(AccessFlagSet.flagCount == 30)
        for flag in AccessFlag.allCases {
            #expect(AccessFlag(name: flag.name) == flag)
        }
        let set = try AccessFlagSet(parsing: "access.user  pte.p\tpte.p pde.p\r")
        #expect(set == AccessFlagSet([.ptePresent, .pdePresent, .accessUser]))
        #expect(throws: AccessContractError.unknownFlag("pte.x", line: 7)) {
            try AccessFlagSet(parsing: "pte.p pte.x", lineNumber: 7)
        }
    }
}
