/// Collects one patch's diagnostics; rules report through it so that the patch id,
/// index, rule id and severity are filled in one place.
public struct Findings {
    public let patchID: String
    public let patchIndex: Int
    /// Severity overrides from configuration, by rule id.
    let severityOverrides: [String: Severity]
    public private(set) var diagnostics: [Diagnostic] = []

    public init(patchID: String, patchIndex: Int, severityOverrides: [String: Severity] = [:]) {
        self.patchID = patchID
        self.patchIndex = patchIndex
        self.severityOverrides = severityOverrides
    }

    /// A finding on an added line.
    public mutating func report(_ rule: RuleDescription, at line: LineContext, _ message: String,
                                suggestion: String? = nil, severity: Severity? = nil,
                                witness: String? = nil, fixes: [TextEdit] = []) {
        report(rule, file: line.path, line: line.number, message, suggestion: suggestion,
               severity: severity, witness: witness, sourceLine: line.text, fixes: fixes)
    }

    /// A finding anywhere; `file: nil, line: 0` for a commit-level finding.
    public mutating func report(_ rule: RuleDescription, file: String?, line: Int, _ message: String,
                                suggestion: String? = nil, severity: Severity? = nil,
                                witness: String? = nil, sourceLine: String? = nil,
                                fixes: [TextEdit] = []) {
        diagnostics.append(Diagnostic(
            ruleID: rule.id,
            severity: severityOverrides[rule.id] ?? severity ?? rule.severity,
            patchID: patchID, patchIndex: patchIndex, file: file, line: line,
            message: message, suggestion: suggestion, witness: witness, sourceLine: sourceLine,
            fixes: fixes))
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}

/// Collects series-level diagnostics, each attributed to the patch it points into.
public struct FindingsBySeries {
    let series: Series
    let severityOverrides: [String: Severity]
    public private(set) var diagnostics: [Diagnostic] = []

    init(series: Series, severityOverrides: [String: Severity]) {
        self.series = series
        self.severityOverrides = severityOverrides
    }

    /// An empty collector for the same series (one per parallel job of a rule).
    func emptied() -> FindingsBySeries {
        FindingsBySeries(series: series, severityOverrides: severityOverrides)
    }

    /// Takes over the diagnostics of another collector, after this one's.
    mutating func append(_ other: FindingsBySeries) {
        diagnostics.append(contentsOf: other.diagnostics)
    }

    /// A finding in patch `patchIndex` (1-based position in the series).
    public mutating func report(_ rule: RuleDescription, patchIndex: Int, file: String?, line: Int,
                                _ message: String, suggestion: String? = nil,
                                severity: Severity? = nil, witness: String? = nil,
                                sourceLine: String? = nil, fixes: [TextEdit] = []) {
        let patch = series.patches[patchIndex - 1]
        diagnostics.append(Diagnostic(
            ruleID: rule.id,
            severity: severityOverrides[rule.id] ?? severity ?? rule.severity,
            patchID: patch.id, patchIndex: patchIndex, file: file, line: line,
            message: message, suggestion: suggestion, witness: witness, sourceLine: sourceLine,
            fixes: fixes))
    }
}
