/// GitHub Actions workflow commands: `::error file=…,line=…,title=ID::message`.
///
/// The runner reads one command per line: the message escapes `%`, CR and LF; property
/// values additionally escape `:` and `,`. A commit-level finding has no file; it is
/// annotated without one (it shows in the run summary).
public struct GitHubAnnotationsReporter: Reporter {
    public init() {}

    public func render(_ report: ReviewReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties: [String] = []
            if let file = d.file {
                properties.append("file=" + Self.escapeProperty(file))
                properties.append("line=\(max(d.line, 1))")
            }
            properties.append("title=" + Self.escapeProperty(d.ruleID))
            var message = d.message
            if d.file == nil { message = "commit \(d.patchID.prefix(12)): " + message }
            if let suggestion = d.suggestion { message += "\nSuggestion: \(suggestion)" }
            if let witness = d.witness { message += "\nWitness: \(witness)" }
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        return out
    }

    static func escapeData(_ text: String) -> String {
        text.replacingAll([("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll([(":", "%3A"), (",", "%2C")])
    }
}

extension String {
    /// Replaces each listed scalar, in one pass. Works on Unicode scalars, not
    /// Characters: "\r\n" is one Character but two scalars to escape.
    func replacingAll(_ pairs: [(Unicode.Scalar, String)]) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let replacement = pairs.first(where: { $0.0 == scalar })?.1 {
                out += replacement
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
