import Foundation

/// Runs rules over a series: one pass over each patch's added lines for all line
/// rules, then patch rules, then series rules. Patches are independent, so the
/// per-patch work can be spread over cores; series rules run once at the end.
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
    /// as one more job next to them (they share one index of the series, built once),
    /// and everything is merged and put in report order at the end.
    public func review(_ series: Series) -> [Diagnostic] {
        // Hook (configuration): files outside include/exclude globs are not reviewed.
        let t0 = DispatchTime.now().uptimeNanoseconds
        func lap(_ what: String) { if ProcessInfo.processInfo.environment["MMU_PHASES"] != nil { FileHandle.standardError.write("\(what) \((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000) ms\n".data(using: .utf8)!) } }
        var series = options.paths.apply(to: series)
        let unmarked = series.patches
        series.patches = ParallelMap.map(count: unmarked.count, workers: workers) { MoveDetector.markingMovedLines(in: unmarked[$0]) }
        let marked = series
        lap("moves")
        // Job 0 is the series rules (the longest job: it starts first); job k the k-th patch.
        let perJob = ParallelMap.map(count: marked.patches.count + 1, workers: workers) { job -> [Diagnostic] in
            guard job == 0 else { return reviewMarked(marked.patches[job - 1]) }
            lap("series start")
            defer { lap("series end") }
            var findings = FindingsBySeries(series: marked, severityOverrides: options.severityOverrides)
            for rule in seriesRules {
                rule.check(marked, context: context, into: &findings)
            }
            return findings.diagnostics
        }
        lap("review")
        // Patch diagnostics first, then the series rules', as a sequential run adds them:
        // the sort below is stable, so ties keep this order.
        return DiagnosticOrder.sorted(Array(perJob.dropFirst().joined()) + perJob[0], in: marked)
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
