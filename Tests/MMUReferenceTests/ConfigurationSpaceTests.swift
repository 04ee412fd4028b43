import Testing
@testable import MMUReference

@Suite struct ConfigurationSpaceTests {
    @Test func theSpaceIsTheProductOfItsKnobs() {
        let all = ConfigurationSpace.all()
        #expect(all.count == 2 * 2 * 3 * 2 * 2 * 2 * 2 * 2 * 2 * 2)
        #expect(Set(all).count == all.count)
        // The seed's user-triggerable WARN: direct_mmu set while TDP is off.
        #expect(all.contains { $0.seedWarnsAtCreation })
        #expect(all.filter(\.seedWarnsAtCreation).allSatisfy { !$0.host.tdpEnabled && !$0.directMMUAtCreation })
    }

    @Test func witnessSearchCanDrawFromAnExplicitList() throws {
        let fiveLevel = ConfigurationSpace.all(vcpuCounts: [1]).filter {
            $0.host.tdpLevels == 5 && $0.directMMUAtCreation && $0.rootPolicy == .perVMSeed
        }
        // The seed's BUG_ON(shadow_root_level > PT64_ROOT_4LEVEL) condition: a vCPU loads a
        // direct root deeper than 4 levels.
        let query = WitnessQuery(seed: 1, steps: 10_000, configurations: fiveLevel) { vm in
            vm.vcpus.contains { $0.rootMMU.root.isValid && vm.pages[$0.rootMMU.root.page].role.level > 4 }
        }
        let witness = try #require(Explorer.findWitness(query))
        #expect(witness.operations.count == 1)
        if case .access = witness.operations[0] {} else { Issue.record("expected one access, got \(witness.operations)") }
    }
}
