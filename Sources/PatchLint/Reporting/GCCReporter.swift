/// `path:line:1: severity: message [ID]`, the layout compilers use, so editors and
/// `grep -n`-style tooling can jump to findings. Commit-level findings use the commit
/// id in place of the path and line 1.
public struct GCCReporter: Reporter {
    public init() {}

    public func render(_ report: ReviewReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let location = d.file.map { "\(TerminalText.neutralise($0)):\(max(d.line, 1)):1" }
                ?? "\(d.patchID.prefix(12)):1:1"
            out += "\(location): \(d.severity.rawValue): \(TerminalText.neutralise(d.message)) [\(d.ruleID)]\n"
        }
        return out
    }
}
