/// The default, human-readable format: grouped by commit
/// (`[3/5] abc1234 KVM: x86/mmu: ...`), then `path:line: severity: message [ID]`, the
/// offending line and the suggestion. Colour only when asked (the CLI asks on a TTY
/// without NO_COLOR).
public struct TextReporter: Reporter {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ report: ReviewReport) -> String {
        var out = ""
        let byPatch = Dictionary(grouping: report.diagnostics, by: \.patchIndex)
        for patch in report.series.patches {
            let subject = patch.subject.isEmpty && patch.origin == .staged ? "(staged changes)" : patch.subject
            let header = "[\(patch.index)/\(patch.total)] \(patch.shortID) \(TerminalText.neutralise(subject))"
            out += paint(header, .bold) + "\n"
            for d in byPatch[patch.position] ?? [] {
                let location = d.file.map { "\(TerminalText.neutralise($0)):\(d.line)" } ?? "commit \(patch.shortID)"
                out += "\(location): \(paint(d.severity.rawValue, style(for: d.severity))): "
                out += TerminalText.neutralise(d.message) + " " + paint("[\(d.ruleID)]", .dim) + "\n"
                if let source = d.sourceLine {
                    out += "    " + TerminalText.neutralise(source) + "\n"
                }
                if let suggestion = d.suggestion {
                    out += "    suggestion: " + TerminalText.neutralise(suggestion) + "\n"
                }
                if let witness = d.witness {
                    out += "    witness: " + TerminalText.neutralise(witness) + "\n"
                }
            }
            out += "\n"
        }
        out += summary(report) + "\n"
        return out
    }

    func summary(_ report: ReviewReport) -> String {
        let n = report.series.patches.count
        if n == 0 { return "no commits to review" }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(n, "commit")) reviewed: \(plural(report.count(.error), "error")), "
            + "\(plural(report.count(.warning), "warning")), \(plural(report.count(.note), "note"))"
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "1;31", yellow = "1;33", cyan = "1;36"
    }

    func style(for severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
