import ArgumentParser
import PatchLint

/// `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif, github, checkpatch, gcc

    /// `rules`: every rule of the run (built-in and packs), for SARIF's rule metadata.
    func reporter(rules: [RuleDescription]) -> any Reporter {
        switch self {
        case .text: TextReporter(color: Console.wantsColor)
        case .json: JSONReporter()
        case .sarif: SARIFReporter(rules: rules, toolVersion: MMUReviewCommand.configuration.version)
        case .github: GitHubAnnotationsReporter()
        case .checkpatch: CheckpatchReporter()
        case .gcc: GCCReporter()
        }
    }
}

/// `--fail-on`: the lowest severity that makes the exit status 1.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case error, warning, note, never

    func fails(_ report: ReviewReport) -> Bool {
        guard let worst = report.worstSeverity else { return false }
        switch self {
        case .never: return false
        case .error: return worst >= .error
        case .warning: return worst >= .warning
        case .note: return true
        }
    }
}

/// `--fix`.
enum FixMode: String, CaseIterable, ExpressibleByArgument {
    case patch, apply
}
