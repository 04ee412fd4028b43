/// COMMIT_MESSAGE — checkpatch's type of the same name ("Missing commit
/// description"), for non-trivial changes: they need a description of more than one
/// line. (checkpatch also asks for one on trivial changes; a one-line typo fix with
/// only a subject is common kernel practice and not reported here.)
public struct CommitMessageRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "COMMIT_MESSAGE",
        severity: .warning,
        scope: .commit,
        summary: "A non-trivial change with no description, or only a one-line one",
        rationale: """
            The commit message is where reviewers and later bisectors learn why a change \
            was made (submitting-patches.rst, "Describe your changes"). A change that \
            changes more than 20 lines (ReviewOptions.trivialChangeLines), or more than 5 lines \
            across several files, is non-trivial: it needs a body beyond one line. Trailers (Signed-off-by:, \
            Link:, ...) do not count as description.
            """,
        fix: "Explain the problem, why this is the fix, and what else was considered.",
        triggeringExamples: [
            RuleExample(series: [RuleExample.Commit(message: """
                KVM: x86/mmu: Rework the root allocation

                Signed-off-by: Ex Ample <ex@example.org>
                """, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: "+int a;\n+int b;\n+int c;"),
                    RuleExample.File(path: "arch/x86/kvm/mmu/tdp_mmu.c", diff: "+int d;\n+int e;\n+int f;"),
                ])]),
            RuleExample(series: [RuleExample.Commit(message: """
                KVM: x86/mmu: Rework the root allocation

                Rework it.

                Signed-off-by: Ex Ample <ex@example.org>
                """, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: "+int a;\n+int b;\n+int c;"),
                    RuleExample.File(path: "arch/x86/kvm/mmu/tdp_mmu.c", diff: "+int d;\n+int e;\n+int f;"),
                ])]),
        ],
        nonTriggeringExamples: [
            RuleExample(message: RuleExample.defaultMessage),
            RuleExample(series: [RuleExample.Commit(message: """
                KVM: x86/mmu: Rename a helper in its two users

                Rename it.

                Signed-off-by: Ex Ample <ex@example.org>
                """, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: "+int a;"),
                    RuleExample.File(path: "arch/x86/kvm/mmu/tdp_mmu.c", diff: "+int b;"),
                ])]),
            RuleExample(message: """
                KVM: x86/mmu: Fix a typo in a comment

                s/teh/the/.

                Signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Fix a typo in a comment

                Signed-off-by: Ex Ample <ex@example.org>
                """),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        guard patch.origin != .staged, !patch.isMerge else { return }
        let changed = patch.files.reduce(0) { $0 + $1.addedLineCount + $1.removedLineCount }
        // Several files count as non-trivial unless the whole change is tiny.
        let nonTrivial = changed > context.options.trivialChangeLines
            || (patch.files.count > 1 && changed > Self.tinyChangeLines)
        guard nonTrivial else { return }
        let description = Self.descriptionLines(of: patch)
        if description.isEmpty {
            findings.report(Self.description, file: nil, line: 0,
                            "Missing commit description - Add an appropriate one")
        } else if description.count == 1 {
            findings.report(Self.description, file: nil, line: 0,
                            "One-line commit description for a change of \(changed) lines in \(patch.files.count) file(s) - explain what and why")
        }
    }

    /// A change this small is trivial even across several files.
    static let tinyChangeLines = 5

    /// Non-blank body lines that are not trailers or tag-like lines.
    static func descriptionLines(of patch: Patch) -> [String] {
        let trailerLines = Set(patch.trailers.map { "\($0.key): \($0.value)".lowercased() })
        return TextLines.split(patch.body, omittingEmptySubsequences: true).map { $0.trimmingWhitespace() }.filter { line in
            guard !line.isEmpty else { return false }
            if trailerLines.contains(line.lowercased()) { return false }
            if let t = TrailerParser.parse(line: line), t.key.contains("-") || ["Link", "Cc", "Fixes", "Closes", "Message-Id", "Change-Id"].contains(t.key) {
                return false
            }
            return true
        }
    }
}
