/// What a rule looks at. Line rules see added lines only (never context or removed
/// lines, never lines marked as moved); patch rules see one commit; series rules the
/// whole range.
public enum RuleScope: String, Sendable, Hashable, Codable {
    case line, file, commit, series
}

/// A rule's metadata. Documentation (`rules explain`) and the example tests are
/// generated from this, so it is the single source of truth for a rule.
public struct RuleDescription: Sendable {
    /// Contract: checkpatch's TYPE name where the check is checkpatch's.
    public let id: String
    public let severity: Severity
    public let scope: RuleScope
    /// One line: what the rule catches.
    public let summary: String
    /// Why a reviewer objects.
    public let rationale: String
    /// How the suggested fix is derived, when the rule has an exact one.
    public let fix: String?
    public let triggeringExamples: [RuleExample]
    public let nonTriggeringExamples: [RuleExample]

    public init(id: String, severity: Severity, scope: RuleScope, summary: String,
                rationale: String, fix: String? = nil,
                triggeringExamples: [RuleExample], nonTriggeringExamples: [RuleExample]) {
        self.id = id
        self.severity = severity
        self.scope = scope
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// A check. Rules never print; they report into `Findings`.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    init()
}

/// Sees every added line of every text file diff.
public protocol LineRule: Rule {
    func check(_ line: LineContext, into findings: inout Findings)
}

/// Sees one patch (commit metadata and all its file diffs).
public protocol PatchRule: Rule {
    func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings)
}

/// Sees the whole series at once (introduced-before-use, numbering, ...).
public protocol SeriesRule: Rule {
    func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries)
}
