import Testing
@testable import MMUReference

@Suite struct WitnessSearchTests {
    @Test func userSpaceAloneCanEndPureDirectMode() throws {
        // The seed's pure_direct_mmu goes false once L2 runs on shadow roots.
        let query = WitnessQuery(seed: 1, steps: 50_000, selection: .both,
                                 configurationFilter: { $0.directMMUAtCreation && $0.guest.nested },
                                 actors: [.userSpace]) { vm in vm.tdpMMUEnabled && !vm.pureDirect }
        let witness = try #require(Explorer.findWitness(query))
        #expect(witness.operations.allSatisfy { $0.actor == .userSpace })
        #expect(witness.operations.contains { if case .enterNested = $0 { return true } else { return false } })
        #expect(witness.operations.count <= 3)
        #expect(Explorer.reaches(witness) { $0.tdpMMUEnabled && !$0.pureDirect })
    }

    @Test func theParameterDivergesFromTheSnapshotOnlyThroughTheAdmin() throws {
        let diverged: @Sendable (VM) -> Bool = { $0.parameters.directMMU.value != $0.tdpMMUEnabled && $0.configuration.host.tdpEnabled }
        let filter: @Sendable (VMConfiguration) -> Bool = { $0.host.tdpEnabled && $0.parameters.directMMU.value }
        let userOnly = WitnessQuery(seed: 2, steps: 20_000, configurationFilter: filter, actors: [.userSpace], condition: diverged)
        #expect(Explorer.findWitness(userOnly) == nil)
        var withAdmin = userOnly
        withAdmin.actors = [.userSpace, .hostAdmin]
        let witness = try #require(Explorer.findWitness(withAdmin))
        #expect(witness.operations == [.writeDirectMMUParameter(false)])
        #expect(witness.configuration.parameters.directMMU.writableAtRuntime)
    }
}
