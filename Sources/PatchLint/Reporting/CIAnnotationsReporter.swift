/// GitHub annotations for a CI step, within the runner's limits: a step shows at
/// most 10 annotations of each kind (error, warning, notice), so the most important
/// come first and one summary notice says how many were left out and where to read
/// them all.
public struct CIAnnotationsReporter: Reporter {
    public static let perKindLimit = 10
    public var fullReportHint: String

    public init(fullReportHint: String) {
        self.fullReportHint = fullReportHint
    }

    public func render(_ report: ReviewReport) -> String {
        var shown: [Diagnostic] = []
        var omitted = 0
        var perKind: [Severity: Int] = [:]
        // Reserve one notice slot for the summary line.
        for d in report.diagnostics.sorted(by: { $0.severity > $1.severity }) {
            let limit = d.severity == .note ? Self.perKindLimit - 1 : Self.perKindLimit
            if perKind[d.severity, default: 0] < limit {
                perKind[d.severity, default: 0] += 1
                shown.append(d)
            } else {
                omitted += 1
            }
        }
        var out = GitHubAnnotationsReporter().render(ReviewReport(series: report.series, diagnostics: shown))
        let total = report.diagnostics.count
        var summary = "mmu-review: \(report.series.patches.count) commit(s), \(report.count(.error)) error(s), "
            + "\(report.count(.warning)) warning(s), \(report.count(.note)) note(s)"
        if omitted > 0 {
            summary += "; \(omitted) of \(total) findings are not shown as annotations (the runner's limit): \(fullReportHint)"
        }
        out += "::notice title=mmu-review::" + GitHubAnnotationsReporter.escapeData(summary) + "\n"
        return out
    }
}
