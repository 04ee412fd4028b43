import Foundation

/// Runs rules over a series: one pass over each patch's added lines for all line
/// rules, then patch rules, then series rules. Patches are independent, so the
/// per-patch work is spread over cores; series rules run once, from the facts each
/// patch's job takes (`PatchSeriesFacts`), so that a long range can be streamed
/// (`review(source:)`): no patch needs to stay in memory once its job is done.
///
/// Before any rule runs, a pre-pass marks moved code (`MoveDetector`): added lines
/// that only move code the same patch removes get `DiffLine.moved`, which exempts
/// them from every line rule. Patch and series rules see the marked patches.
public struct ReviewEngine: Sendable {
    let lineRules: [any LineRule]
    let patchRules: [any PatchRule]
    /// The kernel-style rules, run together in one pass per patch (see `StyleLinePass`).
    let styleRules: StyleLinePass
    let seriesRules: [any SeriesRule]
    public let options: ReviewOptions
    public var context: ReviewContext
    /// Threads the per-patch work runs on (all cores by default; 1 = sequential, which
    /// tests compare the parallel run against).
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// A review of fewer patches keeps them (no patch is read twice): their memory is
    /// small, and reading one again costs more than keeping it.
    public var streamsFrom = 64

    public init(rules: [any Rule.Type], options: ReviewOptions = ReviewOptions()) {
        var line: [any LineRule] = [], patch: [any PatchRule] = [], series: [any SeriesRule] = []
        var style: [any StyleLineRule] = []
        for type in rules {
            let rule = type.init()
            if let r = rule as? any LineRule { line.append(r) }
            if let r = rule as? any StyleLineRule {
                style.append(r)
            } else if let r = rule as? any PatchRule {
                patch.append(r)
            }
            if let r = rule as? any SeriesRule { series.append(r) }
        }
        self.lineRules = line
        self.patchRules = patch
        self.styleRules = StyleLinePass(rules: style)
        self.seriesRules = series
        self.options = options
        self.context = ReviewContext(options: options)
    }

    /// All diagnostics of the series, ordered by patch, file order in the patch, line.
    ///
    /// Patches are independent, so their rules run on all cores; the series rules run
    /// as one more job next to them (the longest: it starts first), and everything is
    /// merged and put in report order at the end.
    public func review(_ series: Series, progress: (@Sendable (Int, Int) -> Void)? = nil) -> [Diagnostic] {
        // Hook (configuration): files outside include/exclude globs are not reviewed.
        var marked = options.paths.apply(to: series)
        let unmarked = marked.patches
        marked.patches = ParallelMap.map(count: unmarked.count, workers: workers) {
            MoveDetector.markingMovedLines(in: unmarked[$0])
        }
        let done = Counter()
        // Job 0 is the series rules; job k the k-th patch.
        let perJob = ParallelMap.map(count: marked.patches.count + 1, workers: workers) { job -> [Diagnostic] in
            guard job == 0 else {
                defer { progress?(done.increment(), unmarked.count) }
                let patch = marked.patches[job - 1]
                let diagnostics = reviewMarked(patch)
                // The series rules' facts of this patch, while its views are at hand
                // (each patch keeps its own: whichever job asks first takes them).
                if !seriesRules.isEmpty { _ = PatchSeriesFacts.of(patch) }
                return diagnostics
            }
            var context = self.context
            context.seriesCode = SeriesCode(marked)
            return seriesDiagnostics(marked, context: context)
        }
        // Patch diagnostics first, then the series rules', as a sequential run adds them:
        // the sort below is stable, so ties keep this order.
        return DiagnosticOrder.sorted(Array(perJob.dropFirst().joined()) + perJob[0], in: marked)
    }

    /// What a review found, and the series it was about.
    public struct Outcome: Sendable {
        /// The reviewed patches in order: whole for a review that kept them, otherwise
        /// without their diff lines (`Patch.hollowed()`: metadata, paths, line counts),
        /// which is all reporters other than checkpatch's need.
        public var series: Series
        public var diagnostics: [Diagnostic]
        /// How many patches the series rules had to read again to look at their code.
        public var patchesReadAgain = 0
    }

    /// Reviews the patches of `source`: in memory (`review(_:)`) when `keepingPatches`
    /// or when there are fewer than `streamsFrom`, streamed otherwise.
    ///
    /// Streamed, there is one job per patch, on all cores: produce it (for a git range:
    /// read the commit), mark its moved code, run the line, style and patch rules, take
    /// the facts the series rules need (`PatchSeriesFacts`), and keep only the patch
    /// without its lines. Then the series rules run once, from those facts, asking the
    /// source for a patch again only where a finding may be. Memory thus holds one
    /// patch per core plus compact facts, whatever the length of the range.
    public func review(source: some PatchSource, keepingPatches: Bool = false,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Outcome {
        let count = source.count
        if keepingPatches || count < streamsFrom {
            let series = Series(patches: try source.allPatches(workers: workers), coverLetter: source.coverLetter,
                                notes: source.notes)
            return Outcome(series: series, diagnostics: review(series, progress: progress))
        }
        let needsFacts = !seriesRules.isEmpty
        let done = Counter()
        let jobs = ParallelMap.map(count: count, minimumJobs: source.minimumParallelCount,
                                   workers: workers) { k -> Result<ReviewedPatch, Error> in
            Result {
                var patch = try source.patch(at: k)
                patch.position = k + 1
                let marked = MoveDetector.markingMovedLines(in: options.paths.apply(to: patch))
                let reviewed = ReviewedPatch(
                    hollow: patch.hollowed(),
                    facts: needsFacts ? PatchSeriesFacts.of(marked, dropping: true) : nil,
                    diagnostics: reviewMarked(marked))
                progress?(done.increment(), count)
                return reviewed
            }
        }
        var reviewed: [ReviewedPatch] = []
        reviewed.reserveCapacity(count)
        for job in jobs { reviewed.append(try job.get()) }
        let series = Series(patches: reviewed.map(\.hollow), coverLetter: source.coverLetter, notes: source.notes)
        var diagnostics = Array(reviewed.map(\.diagnostics).joined())
        var readAgain = 0
        if needsFacts {
            // A patch read again is produced exactly as its job produced it.
            let options = self.options
            let rereader = PatchRereader { position in
                MoveDetector.markingMovedLines(in: options.paths.apply(to: try source.patch(at: position - 1)))
            }
            var context = self.context
            context.seriesCode = SeriesCode(reviewed.indices.map { k in
                SeriesCode.PatchCode(patch: series.patches[k], facts: reviewed[k].facts!, source: .reread(rereader))
            })
            // After the patch diagnostics, as in `review(_:)`.
            diagnostics += seriesDiagnostics(series, context: context)
            if let error = rereader.error { throw error }
            readAgain = rereader.loads
        }
        return Outcome(series: series, diagnostics: DiagnosticOrder.sorted(diagnostics, in: series),
                       patchesReadAgain: readAgain)
    }

    /// What a streamed review keeps of a patch once its job is done.
    private struct ReviewedPatch: Sendable {
        /// The patch without its diff lines, for the report.
        var hollow: Patch
        var facts: PatchSeriesFacts?
        var diagnostics: [Diagnostic]
    }

    /// The series rules' diagnostics.
    private func seriesDiagnostics(_ series: Series, context: ReviewContext) -> [Diagnostic] {
        var findings = FindingsBySeries(series: series, severityOverrides: options.severityOverrides)
        for rule in seriesRules {
            rule.check(series, context: context, into: &findings)
        }
        return findings.diagnostics
    }

    /// One patch's line and patch-level diagnostics.
    public func review(_ patch: Patch) -> [Diagnostic] {
        // Hook (configuration): files outside include/exclude globs are not reviewed.
        reviewMarked(MoveDetector.markingMovedLines(in: options.paths.apply(to: patch)))
    }

    /// `review(_:)` for a patch whose moved lines are already marked.
    func reviewMarked(_ patch: Patch) -> [Diagnostic] {
        var findings = Findings(patchID: patch.id, patchIndex: patch.position,
                                severityOverrides: options.severityOverrides)
        // Hook (rule packs): data rules (context.dataRules) see the same lines as LineRules.
        let dataRules = context.dataRules
        if !lineRules.isEmpty || !dataRules.isEmpty {
            for file in patch.files where !file.isBinary && file.newPath != nil {
                let path = file.path
                for hunk in file.hunks {
                    let lines = hunk.lines
                    for i in lines.indices where lines[i].kind == .added && !lines[i].moved {
                        let context = LineContext(path: path, hunkLines: lines, index: i)
                        for rule in lineRules {
                            rule.check(context, into: &findings)
                        }
                        for rule in dataRules {
                            rule.check(context, into: &findings)
                        }
                    }
                }
            }
        }
        styleRules.check(patch, context: context, into: &findings)
        for rule in patchRules {
            rule.check(patch, context: context, into: &findings)
        }
        return findings.diagnostics
    }
}

/// The order diagnostics are reported in: by patch, then file in the patch's order
/// (commit-level first), then line, then rule id.
enum DiagnosticOrder {
    static func sorted(_ diagnostics: [Diagnostic], in series: Series) -> [Diagnostic] {
        var fileRank: [String: [String: Int]] = [:]
        for patch in series.patches {
            var ranks: [String: Int] = [:]
            for (i, file) in patch.files.enumerated() where ranks[file.path] == nil {
                ranks[file.path] = i
            }
            fileRank[patch.id] = ranks
        }
        return diagnostics.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.patchIndex != y.patchIndex { return x.patchIndex < y.patchIndex }
            let fx = x.file.map { fileRank[x.patchID]?[$0] ?? Int.max } ?? -1
            let fy = y.file.map { fileRank[y.patchID]?[$0] ?? Int.max } ?? -1
            if fx != fy { return fx < fy }
            if x.line != y.line { return x.line < y.line }
            if x.ruleID != y.ruleID { return x.ruleID < y.ruleID }
            return a.offset < b.offset
        }.map(\.element)
    }
}
