import Testing
@testable import PatchLint

/// Sites taken from lexed code: path guards, scopes, declared parameters, and what the
/// two rules make of the model's answers.
@Suite struct SemanticSeriesTests {
    func analyses(_ code: String) -> [SemanticAnalysis] {
        SemanticReview.explain(RuleExampleRunner.series(for: RuleExample(code)).0)
    }

    func diagnostics(_ code: String, rule: any Rule.Type) -> [Diagnostic] {
        ReviewEngine(rules: [rule]).review(RuleExampleRunner.series(for: RuleExample(code)).0)
    }

    @Test func anEarlyReturnOnADeclaredParameterBecomesAGuard() throws {
        let found = analyses("""
            static bool __read_mostly enable_foo;
            module_param_named(foo, enable_foo, bool, 0444);

            int kvm_mmu_init_vm(struct kvm *kvm)
            {
            \tif (!READ_ONCE(enable_foo))
            \t\treturn;
            \tWARN_ON(!tdp_enabled);
            }
            """)
        let only = try #require(found.first)
        #expect(found.count == 1)
        #expect(only.site.guards.map(\.condition) == ["!READ_ONCE(enable_foo)"])
        #expect(only.site.guards.map(\.holds) == [false])
        #expect(only.isUserReachable)
        #expect(only.witness == "host: tdp=off (kvm_intel.ept=0); kvm.foo=1; create VM -> WARN fires")
    }

    @Test func anExitInsideAClosedBlockIsNotAGuard() throws {
        let only = try #require(analyses("""
            int kvm_mmu_page_fault(struct kvm_vcpu *vcpu, bool x)
            {
            \tif (x) {
            \t\tif (!tdp_enabled)
            \t\t\treturn;
            \t}
            \tWARN_ON(!tdp_enabled);
            }
            """).first)
        #expect(only.site.guards.isEmpty)
        #expect(only.isUserReachable)
    }

    @Test func anEnclosingIfAndAnUnbracedIfAreGuards() throws {
        let found = analyses("""
            static void f(struct kvm_vcpu *vcpu)
            {
            \tif (tdp_enabled) {
            \t\tif (is_guest_mode(vcpu))
            \t\t\tWARN_ON(vcpu->arch.mmu->shadow_root_level != PT64_ROOT_4LEVEL);
            \t}
            }
            """)
        let only = try #require(found.first)
        #expect(only.site.guards.map(\.condition) == ["tdp_enabled", "is_guest_mode(vcpu)"])
        // L2 runs on 4-level shadow roots: the condition is false whenever the path is taken.
        #expect(only.isProvenUnreachable)
    }

    @Test func aMacroInsideAnIfConditionIsNotGuardedByIt() throws {
        let only = try #require(analyses("""
            static bool is_direct_mmu_enabled(void)
            {
            \tif (WARN_ON_ONCE(!tdp_enabled))
            \t\treturn false;
            \treturn true;
            }
            """).first)
        #expect(only.site.guards.isEmpty)
        #expect(only.isUserReachable)
    }

    @Test func anElseBranchMakesAWitnessUnknown() throws {
        let only = try #require(analyses("""
            int kvm_mmu_init_vm(struct kvm *kvm)
            {
            \tif (kvm->arch.nr_things) {
            \t\tkvm_flush(kvm);
            \t} else {
            \t\tWARN_ON(!tdp_enabled);
            \t}
            }
            """).first)
        #expect(only.outcome == .unknown)
        #expect(only.explanation.contains { $0.contains("does not model this construct") })
    }

    @Test func declaredParametersCarryModuleTypeAndWritability() {
        let series = RuleExampleRunner.series(for: RuleExample("""
            static bool __read_mostly enable_foo;
            module_param_named(foo, enable_foo, bool, 0644);
            static unsigned int bar_ns;
            module_param(bar_ns, uint, S_IRUGO);
            """, path: "arch/x86/kvm/vmx/vmx.c")).0
        let params = SemanticReview.of(series).parameters
        #expect(params.contains(DeclaredModuleParameter(variable: "enable_foo", exposedName: "foo", module: "kvm_intel", type: "bool", writable: true)))
        #expect(params.contains(DeclaredModuleParameter(variable: "bar_ns", exposedName: "bar_ns", module: "kvm_intel", type: "uint", writable: false)))
    }

    @Test func avoidBugSaysModelUnreachableWhenProven() throws {
        let found = diagnostics("\tBUG_ON(vcpu->arch.mmu->shadow_root_level > PT64_ROOT_5LEVEL);", rule: AvoidBugRule.self)
        let only = try #require(found.first)
        #expect(only.severity == .warning)
        #expect(only.message.hasSuffix("(model: unreachable)"))
        #expect(only.witness == nil)
    }

    @Test func avoidBugIsAnErrorWithAWitnessWhenReachable() throws {
        let found = diagnostics("""
            int kvm_mmu_page_fault(struct kvm_vcpu *vcpu)
            {
            \tBUG_ON(is_smm(vcpu));
            }
            """, rule: AvoidBugRule.self)
        let only = try #require(found.first)
        #expect(only.severity == .error)
        #expect(only.witness?.contains("vCPU 0 enters SMM") == true)
        #expect(only.witness?.hasSuffix("-> BUG fires") == true)
    }

    @Test func avoidBugStaysAPlainWarningWhenUnknown() throws {
        let only = try #require(diagnostics("\tBUG_ON(!sp->root_count);", rule: AvoidBugRule.self).first)
        #expect(only.severity == .warning)
        #expect(!only.message.contains("model"))
        #expect(only.witness == nil)
    }

    @Test func userTriggerableWarnIsSilentWhenTheModelProvesTheConditionFalse() {
        let code = """
            static bool __read_mostly enable_qux;
            module_param_named(qux, enable_qux, bool, 0444);

            static void qux_check(struct kvm *kvm)
            {
            \tif (!READ_ONCE(enable_qux))
            \t\treturn;
            \tWARN_ON(kvm->arch.tdp_mmu_enabled && !tdp_enabled);
            }
            """
        #expect(diagnostics(code, rule: UserTriggerableWarnRule.self).isEmpty)
        // The same path with a condition the model cannot bind keeps the syntactic warning.
        let unknown = diagnostics(code.replacingOccurrences(of: "kvm->arch.tdp_mmu_enabled && !tdp_enabled", with: "kvm->arch.nr_things"),
                                  rule: UserTriggerableWarnRule.self)
        #expect(unknown.map(\.severity) == [.warning])
        #expect(unknown.first?.witness == nil)
    }
}
