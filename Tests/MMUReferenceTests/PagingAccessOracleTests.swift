import MMUReference
import Testing

/// `AccessContract` (the general walker over the tables the flags describe) against
/// `PagingAccessOracle` (per-rule reasoning over the flags) on large structured
/// subsets of the 2^30 flag sets, at MAXPHYADDR 46 and 36. The whole space is
/// checked by `PagingAccessExhaustiveTests` (release build, opt-in).
@Suite("Paging: access contract against the SDM oracle")
struct PagingAccessOracleTests {
    /// Every subset of `flags` (2^count sets), each united with `base`.
    static func subsets(of flags: [String], base: [String] = []) -> [UInt32] {
        let bits = flags.map { PagingAccessOracle.Bits.bit($0) }
        let baseMask = base.reduce(UInt32(0)) { $0 | PagingAccessOracle.Bits.bit($1) }
        return (0..<(1 << bits.count)).map { (combo: Int) in
            var mask = baseMask
            for (i, bit) in bits.enumerated() where combo >> i & 1 != 0 { mask |= bit }
            return mask
        }
    }

    static let accessFlags = ["access.user", "access.write", "access.fetch", "access.twice"]
    static let controlFlags = ["cpu.efer.nx", "cpu.cr0.wp", "cpu.cr4.smep", "cpu.cr4.pke"]

    /// Named families of flag sets; each is every combination of the listed flags.
    static let families: [(name: String, sets: [UInt32])] = [
        ("access x control bits x per-level P/RW/US (4K and 2M)",
         subsets(of: accessFlags + controlFlags
                 + ["pte.p", "pte.rw", "pte.user", "pde.p", "pde.rw", "pde.user", "pdpte.ro", "pde.pse"])),
        ("reserved bits x presence x access",
         subsets(of: ["pte.51", "pte.36", "pde.51", "pde.36", "pde.13", "pte.nx", "pde.nx", "pde.pse",
                      "cpu.efer.nx", "pte.p", "pde.p"] + accessFlags,
                 base: ["pte.user", "pde.user"])),
        ("protection keys x access x page rights",
         subsets(of: ["pku.ad", "pku.wd", "pku.pkey", "cpu.cr4.pke", "cpu.cr0.wp", "pte.user", "pde.user",
                      "pte.rw", "pde.pse", "cpu.cr4.smep"] + accessFlags,
                 base: ["pte.p", "pde.p", "pde.rw"])),
        ("accessed/dirty x presence x access",
         subsets(of: ["pte.a", "pte.d", "pde.a", "pde.d", "pde.pse", "pte.p", "pde.p", "pte.rw", "pde.rw",
                      "pku.ad", "pku.pkey", "cpu.cr4.pke"] + accessFlags,
                 base: ["pte.user", "pde.user", "cpu.cr0.wp"])),
    ]

    /// Uniformly random flag sets over the whole space (SplitMix64, fixed seed).
    static func randomSets(count: Int, seed: UInt64) -> [UInt32] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt32(truncatingIfNeeded: z ^ (z >> 31)) & AccessFlagSet.all.rawValue
        }
    }

    static func mismatches(_ sets: [UInt32], maxPhysicalAddressBits: Int) -> [String] {
        let contract = AccessContract(maxPhysicalAddressBits: maxPhysicalAddressBits)
        let oracle = PagingAccessOracle(maxPhysicalAddressBits: maxPhysicalAddressBits)
        var found: [String] = []
        for mask in sets {
            let got = PagingAccessOracle.Expected(contract.outcome(for: AccessFlagSet(rawValue: mask)))
            let want = oracle.expected(mask)
            if got != want && found.count < 5 {
                found.append("[\(maxPhysicalAddressBits)] \(AccessFlagSet(rawValue: mask)): got \(got), want \(want)")
            }
        }
        return found
    }

    @Test("structured families", arguments: [46, 36])
    func families(maxPhysicalAddressBits: Int) {
        for family in Self.families {
            let bad = Self.mismatches(family.sets, maxPhysicalAddressBits: maxPhysicalAddressBits)
            #expect(bad.isEmpty, "\(family.name): \(bad.joined(separator: "\n"))")
        }
    }

    @Test("random sets over the whole space", arguments: [46, 36, 52])
    func random(maxPhysicalAddressBits: Int) {
        let sets = Self.randomSets(count: 100_000, seed: UInt64(maxPhysicalAddressBits))
        let bad = Self.mismatches(sets, maxPhysicalAddressBits: maxPhysicalAddressBits)
        #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
    }

    @Test func familySizes() {
        // Guard against a family silently shrinking.
        #expect(Self.families.map(\.sets.count) == [1 << 16, 1 << 15, 1 << 14, 1 << 16])
        #expect(Set(Self.families[0].sets).count == 1 << 16)
    }

    /// The resultLine text is the outcome's fields in the contract's format.
    @Test func resultLineFormat() {
        let contract = AccessContract()
        for mask in Self.randomSets(count: 2000, seed: 7) {
            let flags = AccessFlagSet(rawValue: mask)
            #expect(contract.resultLine(for: flags)
                    == PagingAccessOracle(maxPhysicalAddressBits: 46).expectedLine(mask))
        }
    }
}
