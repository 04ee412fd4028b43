/// The machine contract (DESIGN.md, version 1):
/// `{"version":1,"commits":[{"sha","subject","index","total","files":[{"path","added",
/// "removed","binary"}]}],"diagnostics":[{"rule","severity","commit","file","line","message",
/// "suggestion"?,"witness"?}],"summary":{"error":n,"warning":n,"note":n}}`. `commit` is the
/// full sha for git input, the Message-Id for mail; `file` is null and `line` 0 for
/// commit-level findings.
///
/// `files` (added within version 1: readers that ignore unknown keys are unaffected) lists
/// every file the commit touches in diff order, as `git diff --numstat` would: `path` is the
/// post-image path (the old one for a deletion), `added`/`removed` count lines, and a binary
/// file has `binary: true` with both counts 0 (git prints `-` there).
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: ReviewReport) -> String {
        let commits: [JSONWriter.Value] = report.series.patches.map { patch in
            .object([
                ("sha", .string(patch.id)),
                ("subject", .string(patch.subject)),
                ("index", .int(patch.index)),
                ("total", .int(patch.total)),
                ("files", .array(patch.files.map(Self.fileSummary))),
            ])
        }
        let diagnostics: [JSONWriter.Value] = report.diagnostics.map { d in
            var members: [(String, JSONWriter.Value)] = [
                ("rule", .string(d.ruleID)),
                ("severity", .string(d.severity.rawValue)),
                ("commit", .string(d.patchID)),
                ("file", d.file.map { .string($0) } ?? .null),
                ("line", .int(d.file == nil ? 0 : d.line)),
                ("message", .string(d.message)),
            ]
            if let suggestion = d.suggestion { members.append(("suggestion", .string(suggestion))) }
            if let witness = d.witness { members.append(("witness", .string(witness))) }
            return .object(members)
        }
        let summary: JSONWriter.Value = .object(Severity.allCases.reversed().map {
            ($0.rawValue, .int(report.count($0)))
        })
        return JSONWriter.render(.object([
            ("version", .int(1)),
            ("commits", .array(commits)),
            ("diagnostics", .array(diagnostics)),
            ("summary", summary),
        ])) + "\n"
    }

    /// One entry of a commit's `files`.
    static func fileSummary(_ file: FileDiff) -> JSONWriter.Value {
        .object([
            ("path", .string(file.path)),
            ("added", .int(file.isBinary ? 0 : file.addedLineCount)),
            ("removed", .int(file.isBinary ? 0 : file.removedLineCount)),
            ("binary", .bool(file.isBinary)),
        ])
    }
}
