/// One finding. Points at the post-image (new file, new line) of the patch that
/// introduced the line; commit-level findings have no file and line 0.
public struct Diagnostic: Sendable, Hashable {
    public var ruleID: String
    public var severity: Severity
    /// The patch's id (full sha, Message-Id, or "staged").
    public var patchID: String
    /// 1-based position of the patch in the series.
    public var patchIndex: Int
    public var file: String?
    public var line: Int
    public var message: String
    /// An exact replacement or action, when the rule knows one.
    public var suggestion: String?
    /// The model's evidence for a semantic finding.
    public var witness: String?
    /// The offending line as it stands in the patch, for display.
    public var sourceLine: String?
    /// Exact edits that fix the finding (`--fix`); empty when there is no exact fix.
    public var fixes: [TextEdit]

    public init(ruleID: String, severity: Severity, patchID: String, patchIndex: Int,
                file: String? = nil, line: Int = 0, message: String,
                suggestion: String? = nil, witness: String? = nil, sourceLine: String? = nil,
                fixes: [TextEdit] = []) {
        self.ruleID = ruleID
        self.severity = severity
        self.patchID = patchID
        self.patchIndex = patchIndex
        self.file = file
        self.line = line
        self.message = message
        self.suggestion = suggestion
        self.witness = witness
        self.sourceLine = sourceLine
        self.fixes = fixes
    }
}
