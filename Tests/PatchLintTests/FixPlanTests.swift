import Testing
@testable import PatchLint

@Suite("Fix plans")
struct FixPlanTests {
    func diagnostic(_ fixes: [TextEdit], patch: String = "p") -> Diagnostic {
        Diagnostic(ruleID: "X", severity: .warning, patchID: patch, patchIndex: 1, file: "a.c", line: 1,
                   message: "m", fixes: fixes)
    }

    @Test("edits on one line compose by byte range, also after multi-byte text")
    func compose() throws {
        let line = "/* é */ module_param(x, bool, S_IRUGO); "
        let perms = try #require(TextEdit(file: "a.c", line: 3, original: line, replacing: "S_IRUGO", with: "0444"))
        let trailing = TextEdit(file: "a.c", line: 3, original: line, range: (line.utf8.count - 1)..<line.utf8.count, replacement: "")
        let plan = FixPlan([diagnostic([perms]), diagnostic([trailing]), diagnostic([perms])])
        #expect(plan.conflicts == 0)
        #expect(plan.changes["p"]?["a.c"]?[3]?.fixed == "/* é */ module_param(x, bool, 0444);")
        #expect(plan.editedLineCount == 1)
    }

    @Test("overlapping edits are left out, not guessed")
    func conflicts() {
        let line = "abcdef"
        let a = TextEdit(file: "a.c", line: 1, original: line, range: 1..<4, replacement: "X")
        let b = TextEdit(file: "a.c", line: 1, original: line, range: 3..<5, replacement: "Y")
        let plan = FixPlan([diagnostic([a]), diagnostic([b])])
        #expect(plan.conflicts == 1 && plan.isEmpty)
    }

    @Test("the symbolic-permissions rule's fix replaces exactly the macro group")
    func symbolicPermsFix() throws {
        let (series, _) = RuleExampleRunner.series(for: RuleExample("x = 1; /* ü */ debugfs_create_u32(\"n\", S_IRUSR | S_IWUSR, d, &n);"))
        let diagnostics = ReviewEngine(rules: [SymbolicPermissionsRule.self]).review(series)
        let plan = FixPlan(diagnostics)
        let fixed = plan.changes.values.first?["arch/x86/kvm/mmu/mmu.c"]?[1]?.fixed
        #expect(fixed == "x = 1; /* ü */ debugfs_create_u32(\"n\", 0600, d, &n);")
    }
}
