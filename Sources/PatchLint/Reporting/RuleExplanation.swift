/// `rules explain ID`: documentation generated from the rule's own metadata.
public enum RuleExplanation {
    public static func render(_ d: RuleDescription) -> String {
        var out = "\(d.id) (\(d.severity.rawValue), \(d.scope.rawValue) scope)\n"
        out += "  \(d.summary)\n\n"
        out += "Why:\n" + indent(d.rationale) + "\n"
        if let fix = d.fix {
            out += "\nFix:\n" + indent(fix) + "\n"
        }
        out += "\nTriggers on:\n"
        for example in d.triggeringExamples { out += render(example) }
        out += "\nDoes not trigger on:\n"
        for example in d.nonTriggeringExamples { out += render(example) }
        return out
    }

    static func render(_ example: RuleExample) -> String {
        var out = ""
        for (k, commit) in example.commits.enumerated() {
            if example.commits.count > 1 || commit.message != RuleExample.defaultMessage {
                let label = example.commits.count > 1 ? "commit \(k + 1)/\(example.commits.count)" : "commit"
                out += "  \(label):\n" + indent(commit.message, by: "    | ") + "\n"
            }
            for file in commit.files {
                out += "  \(file.path):\n" + indent(file.diff, by: "    ") + "\n"
            }
        }
        return out + "\n"
    }

    static func indent(_ text: String, by prefix: String = "  ") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { prefix + $0 }.joined(separator: "\n")
    }
}
