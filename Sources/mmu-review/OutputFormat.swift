import ArgumentParser
import PatchLint

/// `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, sarif, github, checkpatch, gcc

    func reporter() -> any Reporter {
        switch self {
        case .text: TextReporter(color: Console.wantsColor)
        case .json: JSONReporter()
        case .sarif: SARIFReporter(rules: RuleRegistry.all.map { $0.description },
                                   toolVersion: MMUReviewCommand.configuration.version)
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
