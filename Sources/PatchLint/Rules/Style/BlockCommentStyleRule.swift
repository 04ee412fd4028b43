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

    // Each test below takes the text and its plain byte view (nil when the text is
    // not plain): bytes when there is a view, the regex otherwise. The one-argument
    // forms work the view out themselves (tests, and callers without one).

    /// `endsInComment` (`\x1C[ \t]*$`).
    static func endsInCommentMark(_ text: String, _ plain: PlainASCIILine?) -> Bool {
        guard let plain else { return endsInComment.matches(text) }
        return plain.bytes.last { $0 != 0x20 && $0 != 0x09 } == commentByte
    }

    /// `leadingStar` (`^[ \t]*\*`).
    static func startsWithStar(_ text: String, _ plain: PlainASCIILine?) -> Bool {
        guard let plain else { return leadingStar.matches(text) }
        return plain.bytes.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "*")
    }

    /// `closesAtEnd` (`\*/[ \t]*$`).
    static func closesCommentAtEnd(_ text: String, _ plain: PlainASCIILine?) -> Bool {
        guard let plain else { return closesAtEnd.matches(text) }
        let bytes = plain.bytes
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return end >= 2 && bytes[end - 2] == UInt8(ascii: "*") && bytes[end - 1] == UInt8(ascii: "/")
    }

    /// `leadingCommentSanitized` (`^[ \t]*\x1C`).
    static func startsWithCommentMark(_ text: String, _ plain: PlainASCIILine?) -> Bool {
        guard let plain else { return leadingCommentSanitized.matches(text) }
        return plain.bytes.first { $0 != 0x20 && $0 != 0x09 } == commentByte
    }

    /// Display width of what comes before the star of the previous comment line:
    /// `starIndentTight` (`^([ \t]*/?)\*`), else `starIndentLoose` (`^(.*/?)\*`,
    /// everything before the last star), else nothing.
    static func previousStarColumn(_ text: String, _ plain: PlainASCIILine?) -> Int {
        guard let plain else {
            let old = starIndentTight.firstMatch(text)?[1] ?? starIndentLoose.firstMatch(text)?[1] ?? ""
            return KernelSanitizer.displayLength(old)
        }
        let bytes = plain.bytes
        var k = 0
        while k < bytes.count && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
        if k < bytes.count && bytes[k] == UInt8(ascii: "/") && k + 1 < bytes.count
            && bytes[k + 1] == UInt8(ascii: "*") {
            return PlainASCIILine.displayLength(bytes[..<(k + 1)])
        }
        if k < bytes.count && bytes[k] == UInt8(ascii: "*") { return PlainASCIILine.displayLength(bytes[..<k]) }
        guard let lastStar = bytes.lastIndex(of: UInt8(ascii: "*")) else { return 0 }
        return PlainASCIILine.displayLength(bytes[..<lastStar])
    }

    /// Display width of the blanks before the star of a line that starts with one
    /// (`starIndentNew`, `^([ \t]*)\*`; 0 when it does not match).
    static func starColumn(_ text: String, _ plain: PlainASCIILine?) -> Int {
        guard let plain else {
            return KernelSanitizer.displayLength(starIndentNew.firstMatch(text)?[1] ?? "")
        }
        let bytes = plain.bytes
        var k = 0
        while k < bytes.count && (bytes[k] == 0x20 || bytes[k] == 0x09) { k += 1 }
        guard k < bytes.count && bytes[k] == UInt8(ascii: "*") else { return 0 }
        return PlainASCIILine.displayLength(bytes[..<k])
    }

    /// Whether the text has a `/*`.
    static func opensComment(_ text: String, _ plain: PlainASCIILine?) -> Bool {
        guard let plain else { return text.contains("/*") }
        return plain.containsPair(UInt8(ascii: "/"), UInt8(ascii: "*"))
    }

    static func endsInCommentMark(_ text: String) -> Bool { endsInCommentMark(text, PlainASCIILine(text)) }
    static func startsWithStar(_ text: String) -> Bool { startsWithStar(text, PlainASCIILine(text)) }
    static func closesCommentAtEnd(_ text: String) -> Bool { closesCommentAtEnd(text, PlainASCIILine(text)) }
    static func startsWithCommentMark(_ text: String) -> Bool { startsWithCommentMark(text, PlainASCIILine(text)) }
    static func previousStarColumn(_ text: String) -> Int { previousStarColumn(text, PlainASCIILine(text)) }
    static func starColumn(_ text: String) -> Int { starColumn(text, PlainASCIILine(text)) }
    static func opensComment(_ text: String) -> Bool { opensComment(text, PlainASCIILine(text)) }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        let plainRaw = line.plainRaw
        // The previous line, read from its hunk's shared text and views.
        let prev = line.previousLine.map { p in
            (raw: p.hunk.hunk.lines[p.index].text, sanitized: p.hunk.text.sanitized[p.index],
             added: p.hunk.hunk.lines[p.index].kind == .added,
             plainRaw: p.hunk.text.plainRaw[p.index], plainSanitized: p.hunk.text.plainSanitized[p.index])
        }
        // Cheap checks first: most lines are not near a comment at all. (The comment
        // mark is a control character, always a Character of its own: its byte is
        // found exactly when the Character is.)
        let prevHasComment = prev.map {
            $0.plainSanitized?.contains(Self.commentByte) ?? $0.sanitized.utf8.contains(Self.commentByte)
        } ?? false
        let rawHasStar = plainRaw.map { $0.contains(UInt8(ascii: "*")) } ?? raw.contains("*")
        guard rawHasStar || prevHasComment else { return }
        let prevEndsInComment = prev.map {
            prevHasComment && Self.endsInCommentMark($0.sanitized, $0.plainSanitized)
        } ?? false
        // Only asked for when the previous line ends in a comment.
        func prevOpensComment() -> Bool {
            prev.map {
                $0.added && Self.opensComment($0.raw, $0.plainRaw) && !Self.closesCommentAtEnd($0.raw, $0.plainRaw)
            } ?? false
        }

        // Continuation lines of a block comment start with *.
        if prevEndsInComment && prevOpensComment() && !Self.startsWithStar(raw, plainRaw) {
            findings.report(Self.description, at: line, "Block comments use * on subsequent lines")
        }
        // The closing */ goes on a line of its own.
        let rawHasClose = plainRaw.map { $0.contains("*/") } ?? raw.contains("*/")
        if rawHasClose && !Self.trailingCloseAlone.matches(raw) && !Self.inlineComment.matches(raw)
            && !Self.closeAfterStars.matches(raw) && Self.closeAfterText.matches(raw) {
            findings.report(Self.description, at: line, "Block comments use a trailing */ on a separate line")
        }
        // The stars line up.
        if let prev, prevEndsInComment, Self.startsWithCommentMark(line.sanitized, line.plainSanitized),
           Self.startsWithStar(raw, plainRaw),
           prevOpensComment() || (prev.added && Self.startsWithStar(prev.raw, prev.plainRaw)) {
            if Self.previousStarColumn(prev.raw, prev.plainRaw) != Self.starColumn(raw, plainRaw) {
                findings.report(Self.description, at: line, "Block comments should align the * on each line")
            }
        }
    }
}
