import Foundation

/// The series as the seed rules see it: every patch's facts (`PatchSeriesFacts`), the
/// series-wide tables made from them (module parameters, which function calls which,
/// file-scope names), and each patch's post-image views on demand.
struct SeriesCode: Sendable {
    /// A `module_param*(...)` use.
    struct ModuleParam {
        var patchIndex: Int
        var view: Int
        var statement: Int
        /// The name user space sees.
        var exposedName: String
        /// The C variable behind it.
        var variable: String
        var mode: PermissionArguments.Mode
        /// Mode text as written (`S_IRUGO | S_IWUSR`, `0644`).
        var modeText: String
        /// True when the call is on an added (not moved) line.
        var isNew: Bool
    }

    /// One patch as the series rules see it: its metadata (`patch`; in a streamed review
    /// its file diffs are gone), its facts, and its post-image views, which `views`
    /// fetches only when a rule asks (from memory, or read again for a streamed range).
    struct PatchCode {
        /// Where an identifier occurs on a changed line: view, token and statement.
        struct Occurrence {
            var view: Int
            var token: Int
            var statement: Int
        }

        var patch: Patch
        let facts: PatchSeriesFacts
        private let source: PatchViewSource

        init(patch: Patch, facts: PatchSeriesFacts, source: PatchViewSource) {
            self.patch = patch
            self.facts = facts
            self.source = source
        }

        /// A patch whose views are at hand (tests, and every in-memory series).
        init(patch: Patch, views: [CodeView]) {
            self.init(patch: patch, facts: PatchSeriesFacts(patch, views: views), source: .views(views))
        }

        /// The post-image views (`CodeView.views(of:side: .new)` of the whole patch).
        var views: [CodeView] { source.views(position: patch.position) }

        /// Where the identifiers named in `names` occur on added lines (moved ones
        /// included), by name, in view, statement and token order. Asked for the few
        /// names a rule looks up rather than built for every identifier.
        func changedIdentifiers(among names: Set<String>) -> [String: [Occurrence]] {
            changedIdentifiers(among: NameFilter(names))
        }

        /// `changedIdentifiers(among:)` with the filter built once for many patches. A
        /// patch whose facts rule every name out is not looked at.
        func changedIdentifiers(among filter: NameFilter) -> [String: [Occurrence]] {
            guard !filter.isEmpty, facts.changedNames.mayContainAny(of: filter.names) else { return [:] }
            return Self.changedIdentifiers(among: filter, in: views)
        }

        /// `changedIdentifiers(among:)` over given views.
        static func changedIdentifiers(among filter: NameFilter, in views: [CodeView]) -> [String: [Occurrence]] {
            var index: [String: [Occurrence]] = [:]
            guard !filter.isEmpty else { return index }
            for (v, view) in views.enumerated() {
                let tokens = view.tokens
                for s in view.statements.indices {
                    for i in view.statements[s].range
                    where tokens[i].kind == .identifier && filter.contains(tokens[i].text) && view.isChanged(i) {
                        index[tokens[i].text, default: []].append(Occurrence(view: v, token: i, statement: s))
                    }
                }
            }
            return index
        }

        /// `changedIdentifiers(among: [name])` for one name.
        func changedIdentifiers(named name: String) -> [Occurrence] {
            changedIdentifiers(among: [name])[name] ?? []
        }
    }

    let patches: [PatchCode]
    let moduleParams: [ModuleParam]
    /// Caller -> callees, from every function body the series shows.
    let callees: [String: Set<String>]
    /// Callee -> callers, the same graph the other way round.
    let callers: [String: Set<String>]
    /// Names declared at file scope in the post-images the series shows, by file.
    let fileScopeVariables: [String: Set<String>]
    /// The semantic review, made the first time a rule asks (`SemanticReview.of`).
    private let semantic = SemanticReviewSlot()

    func semanticReview(orMake make: () -> SemanticReview) -> SemanticReview { semantic.value(orMake: make) }

    /// The index of an in-memory series, built once for all the series rules that need
    /// it (the engine hands its own, from facts its patch jobs took, in `ReviewContext`).
    static func of(_ series: Series, _ context: ReviewContext? = nil) -> SeriesCode {
        if let code = context?.seriesCode { return code }
        return recent.value(for: series) { SeriesCode(series) }
    }

    static let recent = RecentCache<Series, SeriesCode>(capacity: 2)

    /// The index of an in-memory series (moved lines marked): each patch's facts and
    /// views from the patch.
    init(_ series: Series) {
        // Last patch first: the engine's patch jobs take facts from the first patch on,
        // so the two meet in the middle instead of racing for the same patches.
        var facts: [PatchSeriesFacts?] = Array(repeating: nil, count: series.patches.count)
        for k in series.patches.indices.reversed() { facts[k] = PatchSeriesFacts.of(series.patches[k]) }
        self.init(series.patches.indices.map { k in
            PatchCode(patch: series.patches[k], facts: facts[k]!, source: .patch(series.patches[k]))
        })
    }

    /// The index from each patch's facts: the series-wide tables are their union.
    init(_ patches: [PatchCode]) {
        var params: [ModuleParam] = []
        var callees: [String: Set<String>] = [:]
        var fileScope: [String: Set<String>] = [:]
        for patch in patches {
            // Facts are the patch's own, whatever series it stands in: its position here.
            params += patch.facts.moduleParams.map { param in
                var param = param
                param.patchIndex = patch.patch.position
                return param
            }
            callees.merge(patch.facts.callees) { $0.union($1) }
            fileScope.merge(patch.facts.fileScopeVariables) { $0.union($1) }
        }
        self.patches = patches
        self.moduleParams = params
        self.callees = callees
        var callers: [String: Set<String>] = [:]
        for (caller, calls) in callees { for callee in calls { callers[callee, default: []].insert(caller) } }
        self.callers = callers
        self.fileScopeVariables = fileScope
    }

    /// `body` for every patch whose facts pass `isCandidate`, on all cores, the results
    /// in patch order. Each job looks at its own patch's code (read again in a
    /// streamed review), so a series rule's closer look costs no more memory than a
    /// patch per core.
    func mapPatches<T>(where isCandidate: (PatchSeriesFacts) -> Bool, _ body: (PatchCode) -> T) -> [T] {
        let candidates = patches.filter { isCandidate($0.facts) }
        // A few patches are looked at on the calling thread: a second core would first
        // open a repository handle of its own.
        return ParallelMap.map(count: candidates.count, minimumJobs: Self.minimumParallelLooks) { body(candidates[$0]) }
    }

    static let minimumParallelLooks = 8

    /// The view holding a module parameter's call; nil only when its patch could not
    /// be read again (the engine then fails the review with the reason).
    func view(of param: ModuleParam) -> CodeView? {
        let views = patches[param.patchIndex - 1].views
        guard views.indices.contains(param.view), views[param.view].statements.indices.contains(param.statement)
        else { return nil }
        return views[param.view]
    }

    /// Exposed name, variable and mode argument of a module_param* call.
    static func moduleParam(_ call: CCall, in view: CodeView)
        -> (exposed: String, variable: String, mode: Range<Int>)? {
        let positions: (name: Int, variable: Int)
        switch call.name {
        case "module_param", "module_param_unsafe", "module_param_array":
            positions = (1, 1)
        case "module_param_named", "module_param_named_unsafe", "module_param_array_named",
             "module_param_cb", "module_param_cb_unsafe":
            positions = (1, call.name.hasPrefix("module_param_cb") ? 3 : 2)
        default:
            return nil
        }
        guard let modePosition = PermissionArguments.modePosition(of: call.name),
              call.arguments.count >= max(modePosition, positions.variable) else { return nil }
        let name = view.tokens[call.arguments[positions.name - 1]].first { $0.kind == .identifier }
        let variable = view.tokens[call.arguments[positions.variable - 1]].first { $0.kind == .identifier }
        guard let name, let variable else { return nil }
        return (name.text, variable.text, call.arguments[modePosition - 1])
    }

    /// How `function` runs when an object is created, as a call chain ending in
    /// `function`: its own name says so (init, create, alloc, setup, new, open, probe),
    /// or a creating function in the series calls it, directly or through one more
    /// function. Nil when the series shows no such path.
    func creationPath(to function: String) -> [String]? {
        if Self.isCreationName(function) { return [function] }
        let direct = (callers[function] ?? []).sorted()
        if let caller = direct.first(where: Self.isCreationName) { return [caller, function] }
        for middle in direct {
            if let caller = (callers[middle] ?? []).sorted().first(where: Self.isCreationName) {
                return [caller, middle, function]
            }
        }
        return nil
    }

    static let creationWords: Set<String> = ["init", "create", "alloc", "setup", "new", "open", "probe"]

    static func isCreationName(_ name: String) -> Bool {
        name.split(separator: "_").contains { creationWords.contains(String($0)) }
    }
}

/// Where a series' `SemanticReview` is kept once made (thread-safe; `SeriesCode` is a
/// value that several rules share).
final class SemanticReviewSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var review: SemanticReview?

    func value(orMake make: () -> SemanticReview) -> SemanticReview {
        lock.lock()
        defer { lock.unlock() }
        if let review { return review }
        let made = make()
        review = made
        return made
    }
}
