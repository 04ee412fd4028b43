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

    @Option(help: ArgumentHelp("""
        Write exact fixes: 'patch' (a fixup patch for git apply / git am; '--fix' alone), \
        or 'apply' (with --staged: into the working tree).
        """, valueName: "patch|apply"))
    var fix: FixMode?

    @Option(help: ArgumentHelp("With --fix=patch: write the patch here instead of stdout.", valueName: "file"))
    var fixOutput: String?

    @Option(name: .customShort("C"), help: "Run as if started in <dir> (like git -C).")
    var directory: String?

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(help: "Follow only the first parent of merges when walking a range.")
    var firstParent = false

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(help: "Exit 1 when a finding is at or above this severity: error, warning, note, never.")
    var failOn: FailOn = .error

    @Flag(help: ArgumentHelp(
        "Print how each BUG/WARN condition the series adds was bound to the MMU model and what the model answered, or why it is unknown (after a text report; on stderr with other formats)."))
    var explainSemantics = false

    func run() throws {
        if let directory {
            guard FileManager.default.changeCurrentDirectoryPath(directory) else {
                throw InputError("cannot change to directory '\(directory)'")
            }
        }
        let selection = try InputSelection.classify(inputs, staged: staged)
        // Mail input needs no repository, but uses one when there is (configuration,
        // subject-prefix history).
        let repository: GitRepository?
        if case .mailFiles = selection {
            repository = try? GitRepository.openFromEnvironment()
        } else {
            repository = try GitRepository.openFromEnvironment()
        }
        let setup = try ruleOptions.setup(repositoryRoot: repository?.workingDirectory)
        let loader = SeriesLoader(firstParent: firstParent, repository: repository)
        let engine = setup.engine(history: try repository.map { try GitHistoryProvider(repository: $0) })
        // A git range is streamed: each commit is read, reviewed and dropped in its own
        // job. Fixes, the checkpatch format (its #N positions) and the semantic
        // explanation need every patch's lines at the end: the series stays in memory.
        let keepsSeries = fix != nil || format == .checkpatch || explainSemantics || messageFile != nil
        let source: any PatchSource
        if keepsSeries {
            var loaded = try loader.load(selection)
            if let messageFile {
                guard staged, let patch = loaded.patches.first else {
                    throw InputError("--message-file goes with --staged")
                }
                guard let data = FileManager.default.contents(atPath: messageFile) else {
                    throw InputError("cannot read message file '\(messageFile)'")
                }
                loaded.patches[0] = patch.withMessage(fromEditor: String(decoding: data, as: UTF8.self))
            }
            source = loaded
        } else {
            source = try loader.source(selection)
        }
        for note in source.notes { Console.note(note) }
        if source.count == 0 {
            Console.note("no commits in the range: nothing to review")
        }
        let outcome = try engine.review(source: source, keepingPatches: source is Series,
                                        progress: ProgressLine.callback())
        let report = ReviewReport(series: outcome.series, diagnostics: outcome.diagnostics)
        let rendered = format.reporter(rules: setup.allDescriptions).render(report)
        switch fix {
        case nil:
            Console.write(rendered)
        case .patch:
            let plan = FixPlan(report.diagnostics)
            let patch = FixupPatchWriter().render(series: report.series, plan: plan)
            if let fixOutput {
                guard FileManager.default.createFile(atPath: fixOutput, contents: Data(patch.utf8)) else {
                    throw InputError("cannot write the fix patch to '\(fixOutput)'")
                }
                Console.write(rendered)
            } else {
                // The patch owns stdout so it can be piped into git apply.
                Console.writeError(rendered)
                Console.write(patch)
            }
            Console.note(plan.isEmpty ? "no exact fixes to write"
                         : "\(plan.editedLineCount) line(s) fixed" + (plan.conflicts > 0 ? ", \(plan.conflicts) conflicting fix(es) left out" : ""))
        case .apply:
            guard staged else { throw InputError("--fix=apply works on --staged changes; use --fix=patch for commits") }
            let plan = FixPlan(report.diagnostics)
            let written = try WorkingTreeFixer(repository: try GitRepository.openFromEnvironment()).apply(plan)
            Console.write(rendered)
            Console.note(written.isEmpty ? "no exact fixes to apply"
                         : "fixed \(plan.editedLineCount) line(s) in \(written.count) file(s): review and git add them")
        }
        if explainSemantics {
            let lines = SemanticReview.explain(report.series).flatMap(\.explanation)
            let text = (lines.isEmpty ? ["semantics: the series adds no BUG/WARN conditions"] : ["semantics:"] + lines)
                .joined(separator: "\n") + "\n"
            if format == .text { Console.write(text) } else { Console.writeError(text) }
        }
        if failOn.fails(report) { throw ExitCode(1) }
    }
}
