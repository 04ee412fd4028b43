/// AVOID_BUG — checkpatch's WARNING of the same name, and the seed review's objection
/// to `BUG_ON(vcpu->arch.mmu->shadow_root_level > PT64_ROOT_4LEVEL)`.
///
/// Backed by the MMU model (Semantics/): a BUG_ON whose condition (with the path to it)
/// the model reaches on a supported host is an error with a witness; one the model
/// proves unreachable stays a warning that says "model: unreachable"; unknown ones stay
/// plain warnings. A series rule so that parameters declared in any patch are known.
public struct AvoidBugRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "AVOID_BUG",
        severity: .warning,
        scope: .line,
        summary: "New BUG()/BUG_ON() (or a *_BUG_ON variant that crashes the kernel)",
        rationale: """
            BUG() kills the machine for a condition the code could recover from. In KVM a \
            host crash takes every VM with it, and a condition a guest or user space can \
            reach turns into a denial of service. Use WARN_ON_ONCE() with recovery (fail \
            the operation, KVM_BUG_ON() to kill only the VM), or BUILD_BUG_ON() when the \
            condition is known at compile time. When the condition binds to the MMU model \
            (rules/kvm-mmu-model.yml) and the model reaches it on a supported host (e.g. a \
            5-level-paging machine), the finding is an error with the witness.
            """,
        fix: "Replace with WARN_ON_ONCE(cond) plus recovery code, or KVM_BUG_ON(cond, kvm) to kill only the VM.",
        triggeringExamples: [
            RuleExample("""
                \tif (vcpu->kvm->arch.tdp_mmu_enabled) {
                ↓\t\tBUG_ON(vcpu->arch.mmu->root_level > PT64_ROOT_4LEVEL);
                \t}
                """),
            RuleExample("↓\t} else BUG();"),
            RuleExample("↓\tVM_BUG_ON(!spin_is_locked(&kvm->mmu_lock));"),
        ],
        nonTriggeringExamples: [
            RuleExample("\tBUILD_BUG_ON(KVM_MMU_NUM_PREV_ROOTS >= BITS_PER_LONG);"),
            RuleExample("\tBUILD_BUG_ON_MSG(sizeof(struct kvm_mmu_page_role) != 4, \"role\");"),
            RuleExample("\tKVM_BUG_ON(!root, kvm);"),
            RuleExample("\t/* this used to BUG_ON(x) */"),
            RuleExample("\tpr_err(\"BUG()\\n\");"),
            RuleExample("\tWARN_ON_ONCE(level > PT64_ROOT_4LEVEL);"),
            RuleExample("#define X86_BUG_FOO X86_BUG(3)"),
            RuleExample(diff: """
                 \tBUG_ON(!sp);
                +\tint unrelated;
                """),
        ])

    /// Prefixes of *_BUG* macros that do not crash the kernel (compile-time checks,
    /// per-VM bug flags, subsystem debug helpers), following checkpatch's exceptions.
    static let harmlessPrefixes = ["BUILD_", "KVM_", "AA_", "DCCP_", "IDA_", "RWLOCK_", "snd_", "SPIN_"]

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        let code = SeriesCode.of(series, context)
        let semantic = SemanticReview.of(code)
        let empty = findings.emptied()
        // Patches with a new BUG, each on its own (on all cores).
        for found in code.mapPatches(where: \.hasNewBugCall, { patch in
            var findings = empty
            for view in patch.views {
                let tokens = view.tokens
                var statement = 0
                // Cheapest tests first: most identifiers are not followed by `(`, and
                // most calls do not spell BUG.
                for i in tokens.indices where tokens[i].kind == .identifier
                    && i + 1 < tokens.count && tokens[i + 1].isPunct("(") && Self.isCrashingBug(tokens[i].text)
                    && view.isNew(i) {
                    while statement + 1 < view.statements.count && view.statements[statement].range.upperBound <= i {
                        statement += 1
                    }
                    let line = view.diffLine(of: i)
                    let name = tokens[i].text
                    let base = "Do not crash the kernel unless it is absolutely unavoidable: use WARN_ON_ONCE() plus recovery code instead of \(name)()"
                    let model = view.statements.indices.contains(statement) && view.statements[statement].range.contains(i)
                        ? semantic.analyze(CCallFinder.call(named: i, in: tokens), statement: statement, in: view) : nil
                    if let model, model.isReachable {
                        let condition = model.site.condition
                        findings.report(
                            Self.description, patchIndex: patch.patch.position, file: view.path, line: line.newNumber ?? 0,
                            "\(name)(\(condition)) crashes the host: the MMU model reaches its condition \(model.outcome == .reachable(.hardware) ? "on supported hardware" : model.outcome == .reachable(.userChoice) ? "by user choice" : "through kernel-internal operations") (see the witness). " + base,
                            severity: .error, witness: model.witness, sourceLine: line.text)
                    } else if let model, model.isProvenUnreachable {
                        findings.report(Self.description, patchIndex: patch.patch.position, file: view.path,
                                        line: line.newNumber ?? 0, base + " (model: unreachable)", sourceLine: line.text)
                    } else {
                        findings.report(Self.description, patchIndex: patch.patch.position, file: view.path,
                                        line: line.newNumber ?? 0, base, sourceLine: line.text)
                    }
                }
            }
            return findings
        }) {
            findings.append(found)
        }
    }

    /// BUG, BUG_ON, and variants shaped like them (VM_BUG_ON, BUG_ON_PAGE) that crash.
    static func isCrashingBug(_ name: String) -> Bool {
        // Every crashing name has a `BUG` word; the word split below is costly, and
        // almost no call spells BUG at all.
        guard containsBUG(name) else { return false }
        if harmlessPrefixes.contains(where: name.hasPrefix) { return false }
        if name == "BUG_ON_INVALID" { return false }
        let words = name.split(separator: "_", omittingEmptySubsequences: false)
        guard let bug = words.firstIndex(of: "BUG") else { return false }
        // QEMU_BUILD_BUG_ON and the like are compile-time assertions too.
        if words[..<bug].contains("BUILD") { return false }
        // Before BUG: upper-case letter words (VM_, not X86_: X86_BUG() names a CPU bug bit);
        // after it: ON and/or upper-case words (BUG_ON_PAGE).
        return words[..<bug].allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isUppercase) }
            && words[(bug + 1)...].allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isUppercase || $0.isNumber } }
    }

    /// True when `name` contains the bytes `BUG` anywhere.
    static func containsBUG(_ name: String) -> Bool {
        var b0: UInt8 = 0, b1: UInt8 = 0
        for b in name.utf8 {
            if b == UInt8(ascii: "G"), b1 == UInt8(ascii: "U"), b0 == UInt8(ascii: "B") { return true }
            b0 = b1
            b1 = b
        }
        return false
    }
}
