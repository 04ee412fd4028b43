/// BLOCK_COMMENT_STYLE — checkpatch's WARNING of the same name (the general rules,
/// not the networking subsystem's variant).
public struct BlockCommentStyleRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.indented

    public static let description = RuleDescription(
        id: "BLOCK_COMMENT_STYLE",
        severity: .warning,
        scope: .line,
        summary: "Block comments without a leading * on each line, with text before the closing */, or with misaligned *",
        rationale: """
            Kernel multi-line comments have a ` * ` on every line, aligned under the first \
            `*` of `/*`, and the closing `*/` on a line of its own \
            (Documentation/process/coding-style.rst, section 8). It keeps comments \
            recognisable in a diff even when the opening line is out of context.
            """,
        fix: "Start each continuation line with ` * ` aligned under the opening `/*`; put `*/` alone on the last line.",
        triggeringExamples: [
            RuleExample("""
                /*
                ↓   No leading star here.
                 */
                """),
            RuleExample("""
                /*
                ↓ * Text and the closing marker on one line. */
                """),
            RuleExample("""
                \t/*
                ↓\t  * Misaligned star.
                \t  */
                """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
                /*
                 * A proper kernel comment.
                 */
                """),
            RuleExample("\tint a; /* inline comment */"),
            RuleExample("""
                \t/**
                \t * kernel-doc comment.
                \t **/
                """),
            RuleExample(diff: """
                 /*
                    old style comment from before
                 */
                +int x;
                """),
        ])

    static let endsInComment = StyleRegex("\(KernelC.cm)[ \\t]*$")
    static let trailingCloseAlone = StyleRegex(#"^[ \t]*\*/[ \t]*$"#)
    static let inlineComment = StyleRegex(#"^.*/\*.*\*/[ \t]*$"#)
    static let closeAfterStars = StyleRegex(#"^.*\*{2,}/[ \t]*$"#)
    static let closeAfterText = StyleRegex(#"^[ \t]*.+\*/[ \t]*$"#)
    static let leadingStar = StyleRegex(#"^[ \t]*\*"#)
    static let leadingCommentSanitized = StyleRegex("^[ \\t]*\(KernelC.cm)")
    static let closesAtEnd = StyleRegex(#"\*/[ \t]*$"#)
    static let starIndentTight = StyleRegex(#"^([ \t]*/?)\*"#)
    static let starIndentLoose = StyleRegex(#"^(.*/?)\*"#)
    static let starIndentNew = StyleRegex(#"^([ \t]*)\*"#)

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        let prev = line.previous
        // Cheap checks first: most lines are not near a comment at all.
        let commentNearby = raw.contains("*") || (prev?.sanitized.contains(KernelSanitizer.commentMark) ?? false)
        guard commentNearby else { return }
        let prevOpensComment = prev.map { $0.added && $0.raw.contains("/*") && !Self.closesAtEnd.matches($0.raw) } ?? false
        let prevEndsInComment = prev.map {
            $0.sanitized.contains(KernelSanitizer.commentMark) && Self.endsInComment.matches($0.sanitized)
        } ?? false

        // Continuation lines of a block comment start with *.
        if prevEndsInComment && prevOpensComment && !Self.leadingStar.matches(raw) {
            findings.report(Self.description, at: line, "Block comments use * on subsequent lines")
        }
        // The closing */ goes on a line of its own.
        if raw.contains("*/") && !Self.trailingCloseAlone.matches(raw) && !Self.inlineComment.matches(raw)
            && !Self.closeAfterStars.matches(raw) && Self.closeAfterText.matches(raw) {
            findings.report(Self.description, at: line, "Block comments use a trailing */ on a separate line")
        }
        // The stars line up.
        if let prev, prevEndsInComment, Self.leadingCommentSanitized.matches(line.sanitized),
           Self.leadingStar.matches(raw),
           prevOpensComment || (prev.added && Self.leadingStar.matches(prev.raw)) {
            let old = Self.starIndentTight.firstMatch(prev.raw)?[1] ?? Self.starIndentLoose.firstMatch(prev.raw)?[1] ?? ""
            let new = Self.starIndentNew.firstMatch(raw)?[1] ?? ""
            if KernelSanitizer.displayLength(old) != KernelSanitizer.displayLength(new) {
                findings.report(Self.description, at: line, "Block comments should align the * on each line")
            }
        }
    }
}
