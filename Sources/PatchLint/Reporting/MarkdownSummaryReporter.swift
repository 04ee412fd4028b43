/// A Markdown table for `$GITHUB_STEP_SUMMARY`: the job's summary page.
public struct MarkdownSummaryReporter: Reporter {
    public init() {}

    public func render(_ report: ReviewReport) -> String {
        var out = "### mmu-review\n\n"
        out += "\(report.series.patches.count) commit(s): **\(report.count(.error)) error(s)**, "
        out += "\(report.count(.warning)) warning(s), \(report.count(.note)) note(s)\n\n"
        guard !report.diagnostics.isEmpty else { return out + "No findings.\n" }
        out += "| commit | location | severity | rule | message |\n|---|---|---|---|---|\n"
        let subjects = Dictionary(report.series.patches.map { ($0.id, $0.shortID) }, uniquingKeysWith: { a, _ in a })
        for d in report.diagnostics {
            let location = d.file.map { "`\(Self.cell($0)):\(d.line)`" } ?? "(commit)"
            out += "| \(subjects[d.patchID] ?? String(d.patchID.prefix(12))) | \(location) | \(d.severity.rawValue) "
            out += "| \(d.ruleID) | \(Self.cell(d.message)) |\n"
        }
        return out
    }

    /// Table cells cannot hold pipes or newlines.
    static func cell(_ text: String) -> String {
        TerminalText.neutralise(text).replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
