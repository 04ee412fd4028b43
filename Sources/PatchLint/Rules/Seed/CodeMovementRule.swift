/// CODE_MOVEMENT — a note for code a patch moves rather than changes. The seed patch
/// moves the HF_* flag block up in kvm_host.h (re-wrapping one macro on the way); a
/// reviewer wants to know that those lines are not new, and line rules leave them
/// alone (the engine's pre-pass marks them `moved`).
public struct CodeMovementRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "CODE_MOVEMENT",
        severity: .note,
        scope: .file,
        summary: "A block of code removed in one place and added elsewhere in the same patch",
        rationale: """
            Moved code shows up as a large removal plus a large addition, and reviewers \
            re-read it as if it were new. Naming the move (and where it came from) lets \
            them check only that it is unchanged; kernel practice is to move code in a \
            patch of its own, without other changes. Whitespace and re-wrapped lines \
            (a macro continued with a backslash) do not count as changes.
            """,
        triggeringExamples: [
            RuleExample(diff: """
                 struct kvm_kernel_irq_routing_entry;
                ↓+#define HF_GIF_MASK\t\t(1 << 0)
                +#define HF_HIF_MASK\t\t(1 << 1)
                +#define HF_VINTR_MASK\t\t(1 << 2)
                +
                 struct kvm_vm_stat {
                 \tunsigned long mmu_shadow_zapped;
                 };
                -#define HF_GIF_MASK (1 << 0)
                -#define HF_HIF_MASK (1 << 1)
                -#define HF_VINTR_MASK (1 << 2)
                 asmlinkage void kvm_spurious_fault(void);
                """, path: "arch/x86/include/asm/kvm_host.h"),
            RuleExample(diff: """
                 #include "mmu.h"
                -#define vcpu_slots_id(vcpu) ((vcpu)->arch.hflags & HF_SMM_MASK ? 1 : 0)
                -#define spte_slots(kvm, role) __kvm_memslots(kvm, (role).smm)
                -#define KVM_ADDRESS_SPACE_NUM 2
                 
                 static int x;
                ↓+#define vcpu_slots_id(vcpu) \\
                +\t((vcpu)->arch.hflags & HF_SMM_MASK ? 1 : 0)
                +#define spte_slots(kvm, role) __kvm_memslots(kvm, (role).smm)
                +#define KVM_ADDRESS_SPACE_NUM 2
                """, path: "arch/x86/kvm/mmu.c"),
        ],
        nonTriggeringExamples: [
            RuleExample(diff: """
                 static void f(void)
                 {
                -\tfoo(a, b);
                -\tbar(c, d);
                -\tbaz(e, f);
                +\tif (x) {
                +\t\tfoo(a, b);
                +\t\tbar(c, d);
                +\t\tbaz(e, f);
                +\t}
                 }
                """),
            RuleExample(diff: """
                -\treturn 0;
                 }
                 
                +\treturn 0;
                +}
                """),
            RuleExample("""
                #define HF_GIF_MASK\t\t(1 << 0)
                #define HF_HIF_MASK\t\t(1 << 1)
                #define HF_VINTR_MASK\t\t(1 << 2)
                """),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        for block in MoveDetector.blocks(in: patch) {
            guard let first = block.addedPositions.first else { continue }
            let line = patch.files[first.file].hunks[first.hunk].lines[first.line]
            let origin = block.fromPath == block.toPath
                ? "old lines \(block.fromLines.lowerBound)-\(block.fromLines.upperBound)"
                : "\(block.fromPath):\(block.fromLines.lowerBound)-\(block.fromLines.upperBound)"
            let size = block.addedLineCount == block.removedLineCount
                ? "\(block.addedLineCount) lines"
                : "\(block.removedLineCount) lines, re-wrapped into \(block.addedLineCount)"
            findings.report(
                Self.description, file: block.toPath, line: block.toLines.lowerBound,
                "Code moved here from \(origin) (\(size)), unchanged apart from whitespace and line breaks; line checks skip it",
                sourceLine: line.text)
        }
    }
}
