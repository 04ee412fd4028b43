import ArgumentParser
import Foundation
import PatchLint

/// `mmu-review ci`: the CI gate. Finds the range the job means, writes SARIF, prints
/// annotations (on GitHub) or the text report, and exits by --fail-on.
struct CICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Review what a CI job is about (pull/merge request or branch) and gate on it.",
        discussion: """
            The range: --base REF, else the pull request (GITHUB_EVENT_PATH, \
            GITHUB_BASE_REF), the merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA), else \
            everything since the merge base with the default branch.
            """)

    @Option(help: "Review REF..HEAD.")
    var base: String?

    @Option(help: ArgumentHelp("Write a SARIF 2.1.0 report here (for code scanning).", valueName: "file"))
    var sarif: String?

    @Option(help: "Exit 1 when a finding is at or above this severity: error, warning, note, never.")
    var failOn: FailOn = .error

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .customShort("C"), help: "Run as if started in <dir> (like git -C).")
    var directory: String?

    func run() throws {
        if let directory, !FileManager.default.changeCurrentDirectoryPath(directory) {
            throw InputError("cannot change to directory '\(directory)'")
        }
        let environment = ProcessInfo.processInfo.environment
        let repository = try GitRepository.openFromEnvironment()
        let range = try CIRangeResolver(environment: environment, base: base).resolve(in: repository)
        Console.note("reviewing \(range.revision) (\(range.reason))")
        let setup = try ruleOptions.setup(repositoryRoot: repository.workingDirectory)
        let source = try SeriesLoader(repository: repository).source(.revisions([range.revision]))
        for note in source.notes { Console.note(note) }
        let engine = setup.engine(history: try GitHistoryProvider(repository: repository))
        let outcome = try engine.review(source: source)
        let report = ReviewReport(series: outcome.series, diagnostics: outcome.diagnostics)

        if let sarif {
            let text = SARIFReporter(rules: setup.allDescriptions,
                                     toolVersion: MMUReviewCommand.configuration.version).render(report)
            guard FileManager.default.createFile(atPath: sarif, contents: Data(text.utf8)) else {
                throw InputError("cannot write SARIF report to '\(sarif)'")
            }
        }
        if environment["GITHUB_ACTIONS"] == "true" {
            let hint = sarif.map { "see the SARIF report \($0) or the log below" } ?? "see the log below"
            Console.write(CIAnnotationsReporter(fullReportHint: hint).render(report))
            if let summaryPath = environment["GITHUB_STEP_SUMMARY"],
               let handle = FileHandle(forWritingAtPath: summaryPath) {
                handle.seekToEndOfFile()
                handle.write(Data(MarkdownSummaryReporter().render(report).utf8))
                try? handle.close()
            }
        }
        Console.write(TextReporter(color: false).render(report))
        if failOn.fails(report) { throw ExitCode(1) }
    }
}
