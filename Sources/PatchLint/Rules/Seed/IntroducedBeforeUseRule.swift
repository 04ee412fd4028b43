/// INTRODUCED_BEFORE_USE — from the seed review, on `bool pure_direct_mmu;`: "This should
/// be introduced in the same patch that first uses the flag, without the usage it's
/// impossible to properly review."
///
/// A struct member, global, macro or function that patch k adds and patch k never reads
/// (it is only declared, or only written). Reads are found syntactically: an access that
/// is not the target of an assignment or increment.
///
/// Globals and functions count only when `static`: one with external linkage can have
/// readers outside the diff (generic code calling a new arch hook). Empty `#define`s
/// are #ifdef flags for existing code and do not count either.
public struct IntroducedBeforeUseRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "INTRODUCED_BEFORE_USE",
        severity: .warning,
        scope: .series,
        summary: "A member, global, macro or function added in a patch that does not read it",
        rationale: """
            A field that is only declared (or only written) in the patch that adds it \
            cannot be reviewed: whether it is needed, whether it should be per-VM or \
            per-vCPU, sticky or not, depends on code the reviewer has not seen yet. Kernel \
            practice is to add a thing in the patch that first uses it.
            """,
        fix: "Move the declaration (and its writes) into the patch that first reads it; drop it if nothing ever does.",
        triggeringExamples: [
            RuleExample(diff: """
                 struct kvm_arch {
                 \tbool exception_payload_enabled;
                ↓+\tbool pure_tdp;
                 };
                """, path: "arch/x86/include/asm/kvm_host.h"),
            RuleExample(series: [
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/include/asm/kvm_host.h", diff: """
                         struct kvm_arch {
                         \tbool exception_payload_enabled;
                        ↓+\tbool pure_tdp;
                         };
                        """, startLine: 10),
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                         static int mmu_alloc_shadow_roots(struct kvm_vcpu *vcpu)
                         {
                        +\tvcpu->kvm->arch.pure_tdp = false;
                         \treturn 0;
                         }
                        """, startLine: 100),
                ]),
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                         static void zap_all(struct kvm *kvm)
                         {
                        +\tif (kvm->arch.pure_tdp)
                        +\t\treturn;
                         }
                        """, startLine: 200),
                ]),
            ]),
            RuleExample("""
                ↓#define KVM_NEW_FLAG\tBIT(3)
                ↓static int unused_counter;
                ↓static void helper_for_later(struct kvm *kvm)
                {
                \tunused_counter++;
                }
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(diff: """
                 struct kvm_arch {
                 \tbool exception_payload_enabled;
                +\tbool tdp_on;
                +\thpa_t roots[2];
                 };
                 static void f(struct kvm *kvm)
                 {
                +\tif (kvm->arch.tdp_on && kvm->arch.roots[0])
                +\t\treturn;
                 }
                """, path: "arch/x86/kvm/mmu/mmu.c"),
            RuleExample("""
                static bool __read_mostly enable_foo;
                module_param_named(foo, enable_foo, bool, 0444);
                """),
            RuleExample("""
                void kvm_arch_new_hook(struct kvm *kvm)
                {
                }
                #define __KVM_HAVE_ARCH_NEW_HOOK
                """),
            RuleExample(diff: """
                -void kvm_mmu_init_vm(struct kvm *kvm)
                +int kvm_mmu_init_vm(struct kvm *kvm)
                 {
                """),
            RuleExample("""
                static int helper(void)
                {
                \treturn 1;
                }
                EXPORT_SYMBOL_GPL(helper);
                """),
        ])

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        let code = SeriesCode(series)
        for (k, patch) in code.patches.enumerated() {
            let oldViews = CodeView.views(of: patch.patch, side: .old)
            for declaration in NewDeclarations.find(in: patch.views, oldViews: oldViews) {
                let (readsHere, writesHere) = uses(of: declaration, in: patch)
                guard !readsHere else { continue }
                var later: String?
                for j in (k + 1)..<max(k + 1, code.patches.count) {
                    if let place = firstRead(of: declaration, in: code.patches[j]) {
                        later = "it is first read in patch \(j + 1)/\(code.patches.count) at \(place)"
                        break
                    }
                }
                let container = declaration.container.isEmpty ? "" : " of \(declaration.container)"
                let writes = writesHere.isEmpty ? "only declared"
                    : "only written (\(writesHere.prefix(3).joined(separator: ", ")))"
                findings.report(
                    Self.description, patchIndex: patch.patch.index, file: declaration.path,
                    line: declaration.line.newNumber ?? 0,
                    "\(declaration.kind.rawValue.prefix(1).uppercased() + declaration.kind.rawValue.dropFirst()) '\(declaration.name)'\(container) is added but never read in this patch: it is \(writes); \(later ?? "nothing in the series ever reads it"). Introduce it in the patch that first uses it",
                    sourceLine: declaration.line.text)
            }
        }
    }

    /// Whether the patch reads the declaration (outside the declaration itself), and
    /// where it writes it.
    func uses(of declaration: NewDeclaration, in patch: SeriesCode.PatchCode) -> (Bool, [String]) {
        var writes: [String] = []
        for (v, view) in patch.views.enumerated() {
            for statement in view.statements {
                let hits = statement.range.filter {
                    view.tokens[$0].isIdentifier(declaration.name) && view.isChanged($0)
                        && !(v == declaration.view && $0 == declaration.token)
                }
                guard !hits.isEmpty else { continue }
                if declaration.kind == .macro, hits.allSatisfy({ $0 == statement.range.lowerBound + 2 }),
                   view.tokens[statement.range.lowerBound].inDirective {
                    continue  // the macro's own #define
                }
                let assignments = CExpressions.assignments(in: view.tokens, range: statement.range)
                for hit in hits {
                    switch NewDeclarations.use(of: declaration, at: hit, in: statement, of: view,
                                               assignments: assignments) {
                    case .read: return (true, writes)
                    case .write: writes.append("\(view.path):\(view.number(of: hit))")
                    case .unrelated: break
                    }
                }
            }
        }
        return (false, writes)
    }

    /// `path:line` of the first read in a later patch's added lines.
    func firstRead(of declaration: NewDeclaration, in patch: SeriesCode.PatchCode) -> String? {
        for view in patch.views {
            for statement in view.statements {
                let assignments = CExpressions.assignments(in: view.tokens, range: statement.range)
                for i in statement.range where view.tokens[i].isIdentifier(declaration.name) && view.isChanged(i) {
                    if case .read = NewDeclarations.use(of: declaration, at: i, in: statement, of: view,
                                                        assignments: assignments) {
                        return "\(view.path):\(view.number(of: i))"
                    }
                }
            }
        }
        return nil
    }
}
