/// Everything a reporter needs: the series reviewed and what was found. Reporters
/// never decide anything; they only lay this out.
public struct ReviewReport: Sendable {
    public var series: Series
    public var diagnostics: [Diagnostic]

    public init(series: Series, diagnostics: [Diagnostic]) {
        self.series = series
        self.diagnostics = diagnostics
    }

    public func count(_ severity: Severity) -> Int {
        diagnostics.lazy.filter { $0.severity == severity }.count
    }

    /// The most severe finding, if any.
    public var worstSeverity: Severity? { diagnostics.map(\.severity).max() }
}

/// Renders a report in one output format.
public protocol Reporter {
    func render(_ report: ReviewReport) -> String
}
