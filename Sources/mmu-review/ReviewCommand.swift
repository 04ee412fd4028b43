import ArgumentParser
import Foundation
import PatchLint

/// The default command: `mmu-review [inputs...]`.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a git range, the staged changes, or mailed patches (the default command).",
        discussion: """
            INPUTS are git revisions (A..B, A...B, REV, REV-N, HEAD~5, tags, @{u}) or \
            existing files read as mail (mbox, git format-patch files, raw email; - for \
            standard input). With no input: @{u}..HEAD when the branch has an upstream, \
            else HEAD.
            """)

    @Argument(help: "Revisions or patch/mbox files ('-' for stdin).")
    var inputs: [String] = []

    @Flag(help: "Review the index against HEAD (for a pre-commit hook).")
    var staged = false

    @Option(help: ArgumentHelp("With --staged: also review this commit message (the commit-msg hook's $1).",
                               valueName: "file"))
    var messageFile: String?

    @Option(name: .customShort("C"), help: "Run as if started in <dir> (like git -C).")
    var directory: String?

    @Flag(help: "Follow only the first parent of merges when walking a range.")
    var firstParent = false

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(help: "Exit 1 when a finding is at or above this severity: error, warning, note, never.")
    var failOn: FailOn = .error

    func run() throws {
        if let directory {
            guard FileManager.default.changeCurrentDirectoryPath(directory) else {
                throw InputError("cannot change to directory '\(directory)'")
            }
        }
        let selection = try InputSelection.classify(inputs, staged: staged)
        var series = try SeriesLoader(firstParent: firstParent).load(selection)
        if let messageFile {
            guard staged, let patch = series.patches.first else {
                throw InputError("--message-file goes with --staged")
            }
            guard let data = FileManager.default.contents(atPath: messageFile) else {
                throw InputError("cannot read message file '\(messageFile)'")
            }
            series.patches[0] = patch.withMessage(fromEditor: String(decoding: data, as: UTF8.self))
        }
        for note in series.notes { Console.note(note) }
        if series.patches.isEmpty {
            Console.note("no commits in the range: nothing to review")
        }
        let engine = ReviewEngine(rules: RuleRegistry.all)
        let report = ReviewReport(series: series, diagnostics: engine.review(series))
        Console.write(format.reporter().render(report))
        if failOn.fails(report) { throw ExitCode(1) }
    }
}
