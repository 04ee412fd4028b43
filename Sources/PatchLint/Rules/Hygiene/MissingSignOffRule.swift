/// MISSING_SIGN_OFF — checkpatch's ERROR of the same name.
public struct MissingSignOffRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "MISSING_SIGN_OFF",
        severity: .error,
        scope: .commit,
        summary: "A commit without a Signed-off-by: line",
        rationale: """
            The Signed-off-by: line is the author's Developer's Certificate of Origin \
            (Documentation/process/submitting-patches.rst). Maintainers cannot apply a \
            patch without it.
            """,
        fix: "Add `Signed-off-by: Your Name <you@example.org>` (git commit -s).",
        triggeringExamples: [
            RuleExample(message: """
                KVM: x86: Do a thing

                Explain the thing.
                """),
            RuleExample(message: """
                KVM: x86: Do a thing

                Reviewed-by: Some One <some@example.org>
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(message: """
                KVM: x86: Do a thing

                Explain the thing.

                Signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86: Do a thing

                signed-off-by: Ex Ample <ex@example.org>
                """),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        // The index has no message yet; the commit-msg hook checks it.
        guard patch.hasMessage else { return }
        let signed = TextLines.split(patch.body, omittingEmptySubsequences: true).contains { line in
            line.trimmingWhitespace().lowercased().hasPrefix("signed-off-by:")
        }
        if !signed {
            findings.report(Self.description, file: nil, line: 0, "Missing Signed-off-by: line(s)")
        }
    }
}
