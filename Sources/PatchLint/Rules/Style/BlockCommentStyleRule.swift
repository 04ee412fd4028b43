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

    static let commentByte = UInt8(ascii: "\u{1C}")

    /// `endsInComment` (`\x1C[ \t]*$`), on the bytes of a plain line.
    static func endsInCommentMark(_ text: String) -> Bool {
        guard PlainASCIILine.isPlain(text) else { return endsInComment.matches(text) }
        let last = text.utf8.last { $0 != 0x20 && $0 != 0x09 }
        return last == commentByte
    }

    /// `leadingStar` (`^[ \t]*\*`), on the bytes of a plain line.
    static func startsWithStar(_ text: String) -> Bool {
        guard PlainASCIILine.isPlain(text) else { return leadingStar.matches(text) }
        let first = text.utf8.first { $0 != 0x20 && $0 != 0x09 }
        return first == UInt8(ascii: "*")
    }

    /// Whether the text has a `/*`: a byte search on a plain line.
    static func opensComment(_ text: String) -> Bool {
        guard PlainASCIILine.isPlain(text) else { return text.contains("/*") }
        var previous: UInt8 = 0
        for b in text.utf8 {
            if previous == UInt8(ascii: "/") && b == UInt8(ascii: "*") { return true }
            previous = b
        }
        return false
    }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        let prev = line.previous
        let plainRaw = line.plainRaw
        // Cheap checks first: most lines are not near a comment at all. (The comment
        // mark is a control character, always a Character of its own: its byte is
        // found exactly when the Character is.)
        let prevHasComment = prev?.sanitized.utf8.contains(Self.commentByte) ?? false
        let rawHasStar = plainRaw.map { $0.contains(UInt8(ascii: "*")) } ?? raw.contains("*")
        guard rawHasStar || prevHasComment else { return }
        let prevEndsInComment = prev.map { prevHasComment && Self.endsInCommentMark($0.sanitized) } ?? false
        // Only asked for when the previous line ends in a comment.
        func prevOpensComment() -> Bool {
            prev.map { $0.added && Self.opensComment($0.raw) && !Self.closesAtEnd.matches($0.raw) } ?? false
        }

        // Continuation lines of a block comment start with *.
        if prevEndsInComment && prevOpensComment() && !Self.startsWithStar(raw) {
            findings.report(Self.description, at: line, "Block comments use * on subsequent lines")
        }
        // The closing */ goes on a line of its own.
        let rawHasClose = plainRaw.map { $0.contains("*/") } ?? raw.contains("*/")
        if rawHasClose && !Self.trailingCloseAlone.matches(raw) && !Self.inlineComment.matches(raw)
            && !Self.closeAfterStars.matches(raw) && Self.closeAfterText.matches(raw) {
            findings.report(Self.description, at: line, "Block comments use a trailing */ on a separate line")
        }
        // The stars line up.
        if let prev, prevEndsInComment, Self.leadingCommentSanitized.matches(line.sanitized),
           Self.startsWithStar(raw),
           prevOpensComment() || (prev.added && Self.startsWithStar(prev.raw)) {
            let old = Self.starIndentTight.firstMatch(prev.raw)?[1] ?? Self.starIndentLoose.firstMatch(prev.raw)?[1] ?? ""
            let new = Self.starIndentNew.firstMatch(raw)?[1] ?? ""
            if KernelSanitizer.displayLength(old) != KernelSanitizer.displayLength(new) {
                findings.report(Self.description, at: line, "Block comments should align the * on each line")
            }
        }
    }
}
