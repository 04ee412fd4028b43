/// TRAILING_WHITESPACE — checkpatch's ERROR of the same name.
public struct TrailingWhitespaceRule: LineRule {
    public init() {}

    public static let description = RuleDescription(
        id: "TRAILING_WHITESPACE",
        severity: .error,
        scope: .line,
        summary: "Spaces or tabs at the end of an added line",
        rationale: """
            Trailing whitespace is invisible noise: it makes later diffs touch lines for no \
            reason, `git am` warns about it, and maintainers' tooling rejects it.
            """,
        fix: "Delete the whitespace at the end of the line.",
        triggeringExamples: [
            RuleExample("↓\treturn 0; "),
            RuleExample("↓int i;\t"),
            RuleExample("""
                static int foo(void)
                {
                ↓\t
                \treturn 0;
                }
                """),
        ],
        nonTriggeringExamples: [
            RuleExample("\treturn 0;"),
            RuleExample(""),
            RuleExample(diff: """
                 int old_line;\t
                +int new_line;
                """),
        ])

    public func check(_ line: LineContext, into findings: inout Findings) {
        // Nearly every line ends in something else: a last Character " ", "\t", "\r"
        // (or "\r\n") has one of these as its last byte.
        guard let lastByte = line.text.utf8.last,
              lastByte == 0x20 || lastByte == 0x09 || lastByte == 0x0D || lastByte == 0x0A else { return }
        var text = Substring(line.text)
        if text.last == "\r" { text = text.dropLast() }  // DOS line ending: another check's business
        guard let last = text.last, last == " " || last == "\t" else { return }
        var trimmed = text
        while let c = trimmed.last, c == " " || c == "\t" { trimmed.removeLast() }
        let start = trimmed.utf8.count
        let fix = TextEdit(file: line.path, line: line.number, original: line.text,
                           range: start..<text.utf8.count, replacement: "")
        findings.report(Self.description, at: line, "trailing whitespace",
                        suggestion: "delete the whitespace at the end of the line", fixes: [fix])
    }
}
