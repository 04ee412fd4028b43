/// Turns rule examples into real patches and runs one rule over them. Used by the
/// example tests and by `rules explain --check`.
public enum RuleExampleRunner {
    /// An expected finding location from a `↓` marker.
    public struct Mark: Sendable, Hashable {
        public var commit: Int
        public var path: String
        public var line: Int
    }

    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var marks: Set<Mark>
    }

    /// Builds the series an example stands for, and the locations its `↓` marks name.
    public static func series(for example: RuleExample) -> (Series, Set<Mark>) {
        var marks: Set<Mark> = []
        var patches: [Patch] = []
        for (k, commit) in example.commits.enumerated() {
            var files: [FileDiff] = []
            for file in commit.files {
                var body: [(DiffLine.Kind, String)] = []
                var newNumber = file.startLine
                for raw in file.diff.split(separator: "\n", omittingEmptySubsequences: false) {
                    var line = Substring(raw)
                    let marked = line.hasPrefix("↓")
                    if marked { line = line.dropFirst() }
                    let kind: DiffLine.Kind
                    switch line.first {
                    case "+": kind = .added
                    case "-": kind = .removed
                    default: kind = .context
                    }
                    let text = String(line.dropFirst())
                    if marked { marks.insert(Mark(commit: k + 1, path: file.path, line: newNumber)) }
                    if kind != .removed { newNumber += 1 }
                    body.append((kind, text))
                }
                let hunk = Hunk(oldStart: file.startLine, newStart: file.startLine, body: body)
                let isNew = hunk.oldCount == 0
                files.append(FileDiff(oldPath: isNew ? nil : file.path, newPath: file.path,
                                      status: isNew ? .added : .modified, hunks: [hunk]))
            }
            let (subject, body) = CommitMessage.split(commit.message)
            if let number = commit.mailNumber {
                // A mailed patch: numbered by its subject tag, not by position.
                patches.append(Patch(
                    origin: .mail, id: "<\(k + 1).example@example.org>",
                    author: Person(name: "Ex Ample", email: "ex@example.org"),
                    subject: subject, body: body, index: number.index, total: number.total,
                    version: number.version, files: files))
                continue
            }
            patches.append(Patch(
                origin: .commit, id: String(repeating: String(k + 1), count: 40).prefix(40).description,
                author: Person(name: "Ex Ample", email: "ex@example.org"),
                subject: subject, body: body, index: k + 1, total: example.commits.count,
                parentIDs: ["0000000000000000000000000000000000000000"], files: files))
        }
        return (Series(patches: patches), marks)
    }

    public static func run(_ rule: any Rule.Type, on example: RuleExample,
                           options: ReviewOptions = ReviewOptions()) -> Outcome {
        let (series, marks) = series(for: example)
        let engine = ReviewEngine(rules: [rule], options: options)
        let diagnostics = engine.review(series).filter { $0.ruleID == rule.description.id }
        return Outcome(diagnostics: diagnostics, marks: marks)
    }
}
