import Testing
@testable import MMUReference

/// The query layer on conditions shaped like the seed's WARN and BUG_ON, and on ones
/// that are provably unreachable or need more steps than the bound allows.
@Suite struct QueryReachabilityTests {
    typealias E = ModelExpression

    @Test func theSeedWarnIsReachableByUserChoiceAtCreation() throws {
        // READ_ONCE(direct_mmu_enabled) guards WARN_ONCE(!tdp_enabled) at VM creation.
        let condition = E.and(.variable(.directMMUParameter), .not(.variable(.hostTDP)))
        let result = ReachabilitySearch.run(ReachabilityQuery(condition: condition, event: .vmCreation))
        let witness = try #require(result.witness)
        #expect(witness.cause == .userChoice)
        #expect(!witness.configuration.host.tdpEnabled)
        #expect(witness.configuration.parameters.directMMU.value)
        #expect(witness.configuration.host.tdpLevels == 4)
        #expect(witness.operations.isEmpty)
    }

    @Test func theSeedBugOnNeedsAFiveLevelHostAndARootLoad() throws {
        let condition = E.and(.variable(.vmDirectMMU),
                              .compare(.greater, .variable(.vcpuShadowRootLevel), .constant(4)))
        let result = ReachabilitySearch.run(ReachabilityQuery(condition: condition, event: .rootLoad))
        let witness = try #require(result.witness)
        #expect(witness.cause == .hardware)
        #expect(witness.configuration.host.tdpLevels == 5)
        #expect(witness.configuration.host.tdpEnabled && witness.configuration.parameters.directMMU.value)
        #expect(witness.operations.count == 1)
        if case .access = witness.operations.first {} else { Issue.record("expected one access, got \(witness.operations)") }
        // 4-level hosts were ruled out with proof (root levels there are at most 4).
        #expect(witness.boundNote == nil)
    }

    @Test func aLevelNoHostHasIsProvenUnreachable() {
        let condition = E.compare(.greater, .variable(.vcpuShadowRootLevel), .constant(5))
        guard case .unreachable(let extent) = ReachabilitySearch.run(ReachabilityQuery(condition: condition)) else {
            Issue.record("expected unreachable")
            return
        }
        #expect(extent.exhaustive)
        #expect(!extent.budgetHit)
        #expect(extent.operationsApplied == 0)
    }

    @Test func theDirectMMUSnapshotWithoutTDPIsProvenUnreachable() {
        let condition = E.and(.variable(.vmDirectMMU), .not(.variable(.hostTDP)))
        guard case .unreachable(let extent) = ReachabilitySearch.run(ReachabilityQuery(condition: condition)) else {
            Issue.record("expected unreachable")
            return
        }
        #expect(extent.exhaustive)
    }

    @Test func aRuntimeWriteIsAUserChoiceOnlyWhenTheParameterIsWritable() throws {
        let diverged = E.and(.variable(.hostTDP), .compare(.notEqual, .variable(.directMMUParameter), .variable(.vmDirectMMU)))
        let writable = try #require(ReachabilitySearch.run(ReachabilityQuery(condition: diverged, directMMUWritable: true)).witness)
        #expect(writable.cause == .userChoice)
        #expect(writable.operations.count == 1)
        #expect(writable.operations.first?.actor == .hostAdmin)
        let readOnly = ReachabilitySearch.run(ReachabilityQuery(condition: diverged, directMMUWritable: false))
        guard case .unreachable(let extent) = readOnly else {
            Issue.record("0444: nothing changes the parameter after load, got \(readOnly)")
            return
        }
        #expect(extent.exhaustive)
    }

    @Test func userChoicesOutsideTheModelAreEnumerated() throws {
        let condition = E.and(.choice("kvm.enable_foo"), .not(.variable(.hostTDP)))
        let witness = try #require(ReachabilitySearch.run(ReachabilityQuery(condition: condition, event: .vmCreation)).witness)
        #expect(witness.choices == ["kvm.enable_foo": true])
        #expect(witness.cause == .userChoice)
    }

    @Test func aWitnessLongerThanTheDepthIsReportedAsABoundNotAProof() throws {
        // Leaving pure-direct mode takes L2 entry and a fault there (the shadow root), then
        // an SMI: three operations.
        let condition = E.and(.and(.variable(.vmDirectMMU), .not(.variable(.vmPureDirect))), .variable(.vcpuSMM))
        let shallow = ReachabilitySearch.run(ReachabilityQuery(condition: condition, depth: 2))
        guard case .unreachable(let extent) = shallow else {
            Issue.record("expected no witness within 2 operations, got \(shallow.witness!.operations.map(\.summary)) \(Trace.format(shallow.witness!.configuration))")
            return
        }
        #expect(!extent.exhaustive)
        #expect(extent.summary.contains("within 2 operation"))
        #expect(extent.summary.contains("depth bound hit"))
        #expect(!extent.budgetHit)
        let deep = try #require(ReachabilitySearch.run(ReachabilityQuery(condition: condition, depth: 3)).witness)
        #expect(deep.cause == .userChoice)
        #expect(deep.operations.contains { if case .enterNested = $0 { return true } else { return false } })
        #expect(deep.operations.contains { if case .enterSMM = $0 { return true } else { return false } })
    }

    @Test func smmAndGuestModeTogetherAreProvenUnreachable() {
        // The vCPU modes are tracked jointly: an SMI leaves L2, VMLAUNCH fails in SMM.
        let condition = E.and(.variable(.vcpuSMM), .variable(.vcpuGuestMode))
        guard case .unreachable(let extent) = ReachabilitySearch.run(ReachabilityQuery(condition: condition)) else {
            Issue.record("expected unreachable")
            return
        }
        #expect(extent.exhaustive)
    }

    @Test func theStateBudgetStopsTheSearchAndSaysSo() {
        // pure_direct is only cleared by a shadow root, which needs L2 on a direct-MMU VM:
        // without nested it never happens, but only the state search can tell.
        let condition = E.and(.and(.variable(.vmDirectMMU), .not(.variable(.vmPureDirect))), .not(.variable(.guestNestedEnabled)))
        let result = ReachabilitySearch.run(ReachabilityQuery(condition: condition, depth: 6, stateBudget: 2_000))
        guard case .unreachable(let extent) = result else {
            Issue.record("expected no witness, got \(result)")
            return
        }
        #expect(extent.budgetHit)
        #expect(!extent.exhaustive)
        #expect(extent.summary.contains("budget"))
    }

    @Test func aHardwareWitnessNotesWhenTheUserPassStoppedAtABound() throws {
        // Reachable on 4-level hosts only in three operations; on 5-level hosts at once.
        let deepOnFour = E.and(.and(.variable(.vmDirectMMU), .not(.variable(.vmPureDirect))), .variable(.vcpuSMM))
        let condition = E.or(.and(deepOnFour, .compare(.equal, .variable(.hostTDPLevels), .constant(4))),
                             .compare(.equal, .variable(.vcpuShadowRootLevel), .constant(5)))
        let witness = try #require(ReachabilitySearch.run(ReachabilityQuery(condition: condition, depth: 2)).witness)
        #expect(witness.cause == .hardware)
        #expect(witness.boundNote?.contains("within 2 operation") == true)
    }
}
