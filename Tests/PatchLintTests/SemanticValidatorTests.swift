import Foundation
import MMUReference
import Testing
@testable import PatchLint

/// The bridge on small conditions: unreachable, user-reachable, hardware-only and
/// unknown, each with the expected answer, with the shipped rules/kvm-mmu-model.yml.
@Suite struct SemanticValidatorTests {
    static let bindings: ModelBindings = {
        // Tests/PatchLintTests/<file> -> package root.
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return try! ModelBindings.load(from: root.appendingPathComponent("rules"))
    }()

    static let seedParameter = DeclaredModuleParameter(variable: "direct_mmu_enabled", exposedName: "enable_direct_mmu",
                                                       module: "kvm", type: "bool", writable: true)

    func validator(_ params: [DeclaredModuleParameter] = [seedParameter], depth: Int = 3) -> SemanticValidator {
        SemanticValidator(bindings: Self.bindings, parameters: params, depth: depth)
    }

    @Test func theSeedWarnIsUserReachableWithTDPOffAndTheParameterOn() throws {
        let site = SemanticSite(macro: "WARN_ONCE", condition: "!tdp_enabled",
                                guards: [.init(condition: "!READ_ONCE(direct_mmu_enabled)", holds: false)],
                                function: "is_direct_mmu_enabled", path: "arch/x86/kvm/mmu.c", line: 220)
        let analysis = validator().analyze(site)
        #expect(analysis.isUserReachable)
        #expect(analysis.witness == "host: tdp=off (kvm_intel.ept=0); kvm.enable_direct_mmu=1; create VM -> WARN fires")
    }

    @Test func theSeedBugOnIsReachableOnlyOnFiveLevelHosts() throws {
        let site = SemanticSite(macro: "BUG_ON", condition: "vcpu->arch.mmu->shadow_root_level > PT64_ROOT_4LEVEL",
                                guards: [.init(condition: "vcpu->kvm->arch.direct_mmu_enabled", holds: true)],
                                function: "mmu_alloc_direct_roots", path: "arch/x86/kvm/mmu.c", line: 192)
        let analysis = validator().analyze(site)
        #expect(analysis.outcome == .reachable(.hardware))
        let witness = try #require(analysis.witness)
        #expect(witness.hasPrefix("host: 5-level TDP paging (LA57 host), tdp=on; kvm.enable_direct_mmu=1; create VM; vCPU 0 touches"))
        #expect(witness.hasSuffix("-> BUG fires"))
    }

    @Test func aConditionTheModelRulesOutIsProvenUnreachable() {
        // The per-VM snapshot is never set without TDP (is_direct_mmu_enabled).
        let site = SemanticSite(macro: "WARN_ON", condition: "kvm->arch.direct_mmu_enabled && !tdp_enabled")
        let analysis = validator().analyze(site)
        #expect(analysis.isProvenUnreachable)
        #expect(analysis.summary.hasPrefix("model: unreachable (proven"))
        #expect(analysis.witness == nil)
    }

    @Test func aLevelAboveFiveIsProvenUnreachable() {
        let analysis = validator().analyze(SemanticSite(macro: "BUG_ON", condition: "vcpu->arch.mmu->shadow_root_level > PT64_ROOT_5LEVEL"))
        #expect(analysis.isProvenUnreachable)
    }

    @Test func aDeclaredBooleanParameterOutsideTheModelIsAUserChoice() {
        let foo = DeclaredModuleParameter(variable: "enable_foo", exposedName: "foo", module: "kvm_intel", type: "bool", writable: false)
        let analysis = validator([foo]).analyze(SemanticSite(macro: "WARN_ON", condition: "enable_foo && !tdp_enabled", function: "kvm_mmu_init_vm"))
        #expect(analysis.isUserReachable)
        #expect(analysis.witness == "host: tdp=off (kvm_intel.ept=0); kvm_intel.foo=1; create VM -> WARN fires")
    }

    @Test func aRuntimeWriteNeedsAWritableParameter() {
        let condition = "tdp_enabled && kvm->arch.direct_mmu_enabled != READ_ONCE(direct_mmu_enabled)"
        let writable = validator().analyze(SemanticSite(macro: "WARN_ON", condition: condition, function: "kvm_mmu_page_fault"))
        #expect(writable.isUserReachable)
        #expect(writable.witness?.contains("admin writes kvm.enable_direct_mmu=") == true)
        var readOnly = Self.seedParameter
        readOnly.writable = false
        #expect(validator([readOnly]).analyze(SemanticSite(macro: "WARN_ON", condition: condition)).isProvenUnreachable)
    }

    @Test func unboundNamesMakeTheConditionUnknown() {
        let cases = ["!sp->root_count", "kvm->arch.n_used_mmu_pages > 10", "level + 1 > 5", "enable_bar && !tdp_enabled"]
        for condition in cases {
            let analysis = validator().analyze(SemanticSite(macro: "WARN_ON", condition: condition))
            #expect(analysis.outcome == .unknown, "\(condition)")
            #expect(analysis.witness == nil)
            #expect(analysis.explanation.contains { $0.contains("unknown:") })
        }
        let intParam = DeclaredModuleParameter(variable: "halt_ns", exposedName: "halt_ns", module: "kvm", type: "uint", writable: true)
        let analysis = validator([intParam]).analyze(SemanticSite(macro: "WARN_ON", condition: "halt_ns"))
        #expect(analysis.outcome == .unknown)
        #expect(analysis.summary.contains("uint"))
    }

    @Test func anUnboundPathGuardNeverYieldsAWitness() {
        // Reachable without the guard, but the guard could rule it out: unknown.
        let guarded = SemanticSite(macro: "WARN_ON", condition: "!tdp_enabled",
                                   guards: [.init(condition: "kvm->arch.mystery", holds: true)], function: "kvm_mmu_init_vm")
        #expect(validator().analyze(guarded).outcome == .unknown)
        // Unreachable even without the guard: still a proof.
        let impossible = SemanticSite(macro: "WARN_ON", condition: "vcpu->arch.mmu->shadow_root_level > 5",
                                      guards: [.init(condition: "kvm->arch.mystery", holds: true)])
        #expect(validator().analyze(impossible).isProvenUnreachable)
    }

    @Test func aStateConditionBeyondTheDepthSaysTheBoundWasHit() {
        // Needs L2 entry, a fault there and an SMI: three operations.
        let site = SemanticSite(macro: "WARN_ON", condition: "kvm->arch.direct_mmu_enabled && !kvm->arch.pure_direct_mmu && is_smm(vcpu)",
                                function: "kvm_mmu_page_fault")
        let shallow = validator(depth: 2).analyze(site)
        #expect(shallow.outcome == .unreachable(proven: false))
        #expect(shallow.summary.contains("within 2 operation"))
        let deep = validator(depth: 3).analyze(site)
        #expect(deep.isUserReachable)
        #expect(deep.witness?.contains("enters SMM") == true)
    }

    @Test func aWitnessNeedsToKnowWhenTheFunctionRuns() {
        // L2 exists only on nested hosts, but a helper may be called only in guest mode:
        // without an event for the function, a witness would be a guess.
        let inHelper = validator().analyze(SemanticSite(macro: "WARN_ON_ONCE", condition: "!is_guest_mode(vcpu)", function: "nested_helper"))
        #expect(inHelper.outcome == .unknown)
        #expect(inHelper.summary.contains("nested_helper() runs is not bound"))
        let atFault = validator().analyze(SemanticSite(macro: "WARN_ON_ONCE", condition: "is_guest_mode(vcpu)", function: "kvm_mmu_page_fault"))
        #expect(atFault.isUserReachable)
        #expect(atFault.witness == "kvm_intel.nested=1; create VM; vCPU 0 enters L2 (nested) -> WARN fires")
        // Proofs of unreachability hold wherever the function runs.
        #expect(validator().analyze(SemanticSite(macro: "WARN_ON", condition: "is_smm(vcpu) && is_guest_mode(vcpu)", function: "nested_helper")).isProvenUnreachable)
    }

    @Test func aConstantConditionIsUnknown() {
        for condition in ["1", "true", "PT64_ROOT_4LEVEL > 3"] {
            let analysis = validator().analyze(SemanticSite(macro: "WARN_ON_ONCE", condition: condition, function: "kvm_mmu_init_vm"))
            #expect(analysis.outcome == .unknown, "\(condition)")
            #expect(analysis.summary.contains("constant"))
        }
    }

    @Test func theExplanationSaysHowEachNameWasBound() {
        let site = SemanticSite(macro: "BUG_ON", condition: "vcpu->arch.mmu->shadow_root_level > PT64_ROOT_4LEVEL",
                                function: "mmu_alloc_direct_roots", path: "arch/x86/kvm/mmu.c", line: 192)
        let lines = validator().analyze(site).explanation
        #expect(lines.contains("    bound: vcpu.arch.mmu.shadow_root_level -> vcpu.shadow_root_level"))
        #expect(lines.contains("    bound: PT64_ROOT_4LEVEL = 4"))
        #expect(lines.contains("  evaluated at: root-load (mmu_alloc_direct_roots)"))
    }

    @Test func tooManyUnknownParametersAreNotEnumerated() {
        let params = (0..<8).map { DeclaredModuleParameter(variable: "p\($0)", exposedName: "p\($0)", module: "kvm", type: "bool", writable: false) }
        let condition = params.map(\.variable).joined(separator: " && ")
        let analysis = validator(params).analyze(SemanticSite(macro: "WARN_ON", condition: condition, function: "kvm_mmu_init_vm"))
        #expect(analysis.outcome == .unknown)
        #expect(analysis.summary.contains("at most \(SemanticValidator.maxChoices)"))
    }

    @Test func missingBindingsMeanUnknown() {
        let analysis = SemanticValidator(bindings: nil).analyze(SemanticSite(macro: "WARN_ON", condition: "!tdp_enabled"))
        #expect(analysis.outcome == .unknown)
    }
}
