/// WRITABLE_MODULE_PARAM — from the seed review: "What's the reasoning behind allowing
/// the module param to be changed after KVM is loaded?"
///
/// A parameter with a write bit can be changed through /sys/module at any time. When the
/// series copies its value into per-VM (per-object) state at creation, a later write
/// silently applies to new objects only, and code that reads the live variable and code
/// that reads the snapshot disagree.
public struct WritableModuleParamRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "WRITABLE_MODULE_PARAM",
        severity: .warning,
        scope: .series,
        summary: "A run-time writable module parameter that the series snapshots into per-object state",
        rationale: """
            A writable parameter (0644, S_IWUSR) promises that writing it takes effect. If \
            the value is read once when a VM or object is created (READ_ONCE at creation, \
            or copied into a struct field), existing objects keep the old value and the \
            two copies drift apart; every reader has to reason about both. Unless run-time \
            changes are needed and handled, a read-only parameter is simpler and lets the \
            code assume one setting for all VMs.
            """,
        fix: "Make the parameter read-only (0444), or handle changes at run time explicitly.",
        triggeringExamples: [
            RuleExample("""
                static bool __read_mostly enable_foo;
                ↓module_param_named(foo, enable_foo, bool, 0644);

                int kvm_foo_init_vm(struct kvm *kvm)
                {
                \tkvm->arch.foo_enabled = READ_ONCE(enable_foo);
                \treturn 0;
                }
                """),
            RuleExample(series: [
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                        +static bool __read_mostly enable_bar;
                        ↓+module_param_named(bar, enable_bar,
                        +\t\t   bool, S_IRUGO | S_IWUSR);
                        """)]),
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                        +static bool bar_wanted(void)
                        +{
                        +\treturn READ_ONCE(enable_bar);
                        +}
                        +
                        +int kvm_mmu_create_bar(struct kvm *kvm)
                        +{
                        +\treturn bar_wanted() ? 0 : -EINVAL;
                        +}
                        """, startLine: 40)]),
            ]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
                static bool __read_mostly enable_foo;
                module_param_named(foo, enable_foo, bool, 0444);

                int kvm_foo_init_vm(struct kvm *kvm)
                {
                \tkvm->arch.foo_enabled = READ_ONCE(enable_foo);
                \treturn 0;
                }
                """),
            RuleExample("""
                static bool __read_mostly halt_poll;
                module_param(halt_poll, bool, 0644);

                static void vcpu_block(struct kvm_vcpu *vcpu)
                {
                \tif (READ_ONCE(halt_poll))
                \t\tpoll(vcpu);
                }
                """),
        ])

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        let code = SeriesCode.of(series, context)
        let candidates = code.moduleParams.filter { $0.isNew && $0.mode.isWritable }
        guard !candidates.isEmpty else { return }
        // Where the candidates' variables occur, found in one pass over the series.
        let filter = NameFilter(Set(candidates.map(\.variable)))
        let occurrences = code.patches.map { $0.changedIdentifiers(among: filter) }  // only patches that may hold one
        for param in candidates {
            guard let evidence = snapshot(of: param.variable, in: code, occurrences) else { continue }
            guard let view = code.view(of: param),
                  let line = view.reportLine(for: view.statements[param.statement]) else { continue }
            let shown = param.modeText == PermissionArguments.octal(param.mode.value ?? 0)
                ? param.modeText : "\(param.modeText) = \(PermissionArguments.octal(param.mode.value ?? 0))"
            findings.report(
                Self.description, patchIndex: param.patchIndex, file: view.path,
                line: line.newNumber ?? 0,
                "Module parameter '\(param.exposedName)' is writable at run time (\(shown)) but the series snapshots '\(param.variable)' into per-object state: \(evidence). Make it read-only (0444) or support changes at run time",
                suggestion: "0444", sourceLine: line.text)
        }
    }

    /// Where the series reads `variable` once into per-object state, described for the
    /// message; nil when it never does. `occurrences` has, per patch, where the variable
    /// occurs on changed lines.
    func snapshot(of variable: String, in code: SeriesCode,
                  _ occurrences: [[String: [SeriesCode.PatchCode.Occurrence]]]) -> String? {
        for p in code.patches.indices {
            guard let found = occurrences[p][variable] else { continue }
            let patch = code.patches[p]
            var seen: Set<[Int]> = []
            for occurrence in found {
                guard seen.insert([occurrence.view, occurrence.statement]).inserted else { continue }
                let view = patch.views[occurrence.view]
                let statement = view.statements[occurrence.statement]
                let range = statement.range
                let uses = range.filter {
                    view.tokens[$0].isIdentifier(variable) && view.isNew($0)
                        && !CExpressions.isMemberAccess(view.tokens, $0)
                }
                guard let use = uses.first else { continue }
                let place = "\(view.path):\(view.number(of: use))"
                let patchNote = code.patches.count > 1 ? " in patch \(patch.patch.index)" : ""
                for assignment in CExpressions.assignments(in: view.tokens, range: range)
                where assignment.isMember && uses.contains(where: assignment.rhs.contains) {
                    let target = CCallFinder.text(of: assignment.lhs, in: view.tokens)
                    return "it is copied into '\(target)' at \(place)\(patchNote)"
                }
                for u in uses where u >= 2 && view.tokens[u - 2].isIdentifier("READ_ONCE") {
                    guard let function = statement.function,
                          let path = code.creationPath(to: function) else { continue }
                    let chain = path.map { "\($0)()" }.joined(separator: " -> ")
                    return "READ_ONCE(\(variable)) at \(place)\(patchNote) runs once per creation (\(chain))"
                }
            }
        }
        return nil
    }
}
