/// Replaces leading whitespace by tabs where it reaches a tab stop, keeping the
/// remaining spaces (the exact fix for CODE_INDENT and LEADING_SPACE).
func tabifiedIndent(_ text: String) -> String {
    let indent = text.prefix { $0 == " " || $0 == "\t" }
    let width = KernelSanitizer.displayLength(indent)
    return String(repeating: "\t", count: width / 8) + String(repeating: " ", count: width % 8)
        + text.dropFirst(indent.count)
}

/// CODE_INDENT — checkpatch's ERROR of the same name.
public struct CodeIndentRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.indented

    public static let description = RuleDescription(
        id: "CODE_INDENT",
        severity: .error,
        scope: .line,
        summary: "Indentation that uses spaces where a tab would do",
        rationale: """
            Kernel code is indented with tabs (Documentation/process/coding-style.rst, \
            section 1). Eight spaces, or a space followed by a tab in the indentation, \
            render differently from the surrounding code and break alignment in every \
            editor that is not set up exactly like the author's.
            """,
        fix: "Replace each run of 8 columns of leading whitespace by a tab.",
        triggeringExamples: [
            RuleExample("↓        return 0;"),
            RuleExample("↓\t        kvm_flush_remote_tlbs(kvm);"),
            RuleExample("↓ \treturn 0;"),
        ],
        nonTriggeringExamples: [
            RuleExample("\treturn 0;"),
            RuleExample("\t\t    size);"),
            RuleExample(diff: """
                         return 0;
                        +\treturn 1;
                        """),
        ])

    static let spaceThenTab = StyleRegex(#"^\s* \t\s*\S"#)
    static let eightSpaces = StyleRegex(#"^\s*        \s*"#)

    /// `spaceThenTab` or `eightSpaces` on a plain line (where `\s` is space or tab):
    /// both look only at the leading whitespace, for a space then a tab followed
    /// later by code, or for eight spaces in a row.
    static func plainMisindented(_ line: PlainASCIILine) -> Bool {
        var spaces = 0
        var spaceThenTab = false
        var i = 0
        while i < line.count, PlainASCIILine.isSpace(line[i]) {
            if line[i] == 0x20 {
                spaces += 1
                if spaces == 8 { return true }
            } else {
                if spaces > 0 { spaceThenTab = true }
                spaces = 0
            }
            i += 1
        }
        return spaceThenTab && i < line.count
    }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        let misindented: Bool
        if let plain = line.plainRaw {
            misindented = Self.plainMisindented(plain)
        } else {
            guard raw.first == " " || raw.first == "\t" else { return }
            misindented = Self.spaceThenTab.matches(raw) || Self.eightSpaces.matches(raw)
        }
        if misindented {
            findings.report(Self.description, at: line, "code indent should use tabs where possible",
                            suggestion: tabifiedIndent(raw))
        }
    }
}

/// SPACE_BEFORE_TAB — checkpatch's WARNING of the same name.
public struct SpaceBeforeTabRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.indented

    public static let description = RuleDescription(
        id: "SPACE_BEFORE_TAB",
        severity: .warning,
        scope: .line,
        summary: "A space followed by a tab anywhere in the line",
        rationale: """
            A space before a tab is invisible and changes nothing on screen except when tab \
            stops differ; it is always an editing accident and makes later diffs noisy.
            """,
        fix: "Delete the spaces in front of the tab (8 spaces before a tab become a tab).",
        triggeringExamples: [
            RuleExample("↓#define KVM_MMU_FOO \t1"),
            RuleExample("↓\tint ret; \t/* result */"),
        ],
        nonTriggeringExamples: [
            RuleExample("#define KVM_MMU_FOO\t1"),
            RuleExample("\tint ret;\t/* result */"),
        ])

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        if let plain = line.plainRaw {
            guard plain.containsPair(0x20, 0x09) else { return }
        } else {
            guard line.raw.contains(" \t") else { return }
        }
        var fixed = line.raw
        while let r = fixed.range(of: "        \t") { fixed.replaceSubrange(r, with: "\t\t") }
        while let r = fixed.range(of: " \t") { fixed.replaceSubrange(r, with: "\t") }
        findings.report(Self.description, at: line, "please, no space before tabs", suggestion: fixed)
    }
}

/// LEADING_SPACE — checkpatch's WARNING of the same name.
public struct LeadingSpaceRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.indented

    public static let description = RuleDescription(
        id: "LEADING_SPACE",
        severity: .warning,
        scope: .line,
        summary: "A line that starts with a space (outside comments, preprocessor lines and labels)",
        rationale: """
            Kernel indentation starts with tabs; a leading space is usually an editor that \
            was not set up for kernel work. Comment continuation lines (` * text`), indented \
            preprocessor directives and labels are exempt, as in checkpatch.
            """,
        fix: "Replace the leading whitespace by tabs (8 columns per tab).",
        triggeringExamples: [
            RuleExample("↓    return 0;"),
            RuleExample("↓ \treturn 0;"),
        ],
        nonTriggeringExamples: [
            RuleExample("""
                /*
                 * A kernel block comment.
                 */
                """),
            RuleExample(" #define FOO 1"),
            RuleExample(" out:"),
            RuleExample("\treturn 0;"),
        ])

    static let exempt = StyleRegex("^ *(?:" + KernelC.cm + "|#|" + KernelC.ident + ":)")

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        guard line.raw.first == " ", !Self.exempt.matches(line.sanitized) else { return }
        findings.report(Self.description, at: line, "please, no spaces at the start of a line",
                        suggestion: tabifiedIndent(line.raw))
    }
}

/// QUOTED_WHITESPACE_BEFORE_NEWLINE — checkpatch's WARNING of the same name.
public struct QuotedWhitespaceBeforeNewlineRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.c

    public static let description = RuleDescription(
        id: "QUOTED_WHITESPACE_BEFORE_NEWLINE",
        severity: .warning,
        scope: .line,
        summary: "Whitespace right before a \\n in a string",
        rationale: """
            A space before the newline of a message is trailing whitespace in the log: \
            invisible, and a nuisance for anyone who greps or diffs logs.
            """,
        fix: "Delete the whitespace before the \\n.",
        triggeringExamples: [
            RuleExample(#"↓\#tpr_info("kvm: direct MMU enabled \n");"#),
            RuleExample(#"↓\#tseq_printf(m, "%llu\t \n", count);"#),
        ],
        nonTriggeringExamples: [
            RuleExample(#"\#tpr_info("kvm: direct MMU enabled\n");"#),
            RuleExample(#"\#tpr_info("kvm: a\nb\n");"#),
            RuleExample(#"\#tseq_printf(m, "%llu\t\n", count);"#),
        ])

    /// A quote, then (anywhere after it) real whitespace followed by `\n`. An escaped
    /// `\t` before the `\n` is not whitespace in the source and is not reported.
    static let pattern = StyleRegex(#"".*\s\\n"#)

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        if let plain = line.plainRaw {
            guard plain.containsPair(0x5C, 0x6E) else { return }
        } else {
            guard raw.contains("\\n") else { return }
        }
        guard Self.pattern.matches(raw) else { return }
        findings.report(Self.description, at: line, "unnecessary whitespace before a quoted newline")
    }
}
