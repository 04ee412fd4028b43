/// What the series rules need to know of one patch, taken while the patch is in memory
/// (in its own review job, on any core), so that the series phase can work from these
/// facts and look at a patch's code again only where a finding may be: the patch
/// itself can be dropped once its job is done, and memory does not grow with the diffs
/// of a long range.
///
/// Each fact is what one rule computed from the patch alone before; the rules still
/// decide everything that depends on other patches.
struct PatchSeriesFacts: Sendable {
    /// Identifiers on changed (added or removed, moved or not) post-image lines, by
    /// hash: a patch whose digest lacks a name has no occurrence of it there
    /// (INTRODUCED_BEFORE_USE and WRITABLE_MODULE_PARAM look for reads elsewhere).
    let changedNames: NameDigest
    /// `module_param*()` calls of the post-image (added and context lines); `patchIndex`
    /// is 0 here (a patch's facts go with it into any series), `SeriesCode` sets it.
    let moduleParams: [SeriesCode.ModuleParam]
    /// Caller -> callees of every function body the patch shows.
    let callees: [String: Set<String>]
    /// Names declared at file scope in the post-image, by file.
    let fileScopeVariables: [String: Set<String>]
    /// Whether a statement calls a WARN*() on a new line (USER_TRIGGERABLE_WARN looks
    /// closer only then).
    let hasNewWarnCall: Bool
    /// Whether a new line calls a crashing BUG*() (AVOID_BUG looks closer only then).
    let hasNewBugCall: Bool
    /// INTRODUCED_BEFORE_USE's part that needs this patch alone: what it adds and never
    /// reads itself, with where it writes it.
    let unreadDeclarations: [IntroducedBeforeUseRule.Unread]
    /// INTRODUCED_BEFORE_USE's question to every other patch: where it first reads a
    /// name, for each kind of declaration. Taken only for a patch that will be dropped
    /// (a streamed review); a patch kept in memory is asked when a name is looked for.
    let reads: IntroducedBeforeUseRule.ReadIndex?
    /// USER_TRIGGERABLE_WARN's assignments with a right-hand side, in code order.
    let assignments: [UserTriggerableWarnRule.TaintAssignment]

    /// The facts of `patch` (its moved lines marked), computed once per patch;
    /// `dropping`: the patch will not stay in memory, so take everything now.
    static func of(_ patch: Patch, dropping: Bool = false) -> PatchSeriesFacts {
        patch.derived.seriesFacts {
            PatchSeriesFacts(patch, views: CodeView.views(of: patch, side: .new), dropping: dropping)
        }
    }

    init(_ patch: Patch, views: [CodeView], dropping: Bool = false) {
        var changed = NameDigest.Builder()
        var params: [SeriesCode.ModuleParam] = []
        var callees: [String: Set<String>] = [:]
        var fileScope: [String: Set<String>] = [:]
        var warn = false, bug = false
        for (v, view) in views.enumerated() {
            let tokens = view.tokens
            for i in tokens.indices where tokens[i].kind == .identifier {
                if view.isChanged(i) { changed.insert(tokens[i].text) }
                if !bug, i + 1 < tokens.count, tokens[i + 1].isPunct("("), AvoidBugRule.isCrashingBug(tokens[i].text),
                   view.isNew(i) {
                    bug = true
                }
            }
            for (s, statement) in view.statements.enumerated() {
                if !warn && UserTriggerableWarnRule.hasNewWarnCall(statement, in: view) { warn = true }
                // Kernel style starts file-scope declarations at column 0; an
                // indented one is a local in a hunk whose function we could not see.
                if statement.isFileScope, statement.range.count > 2,
                   tokens[statement.range.lowerBound].column == 0,
                   tokens[statement.range.upperBound - 1].isPunct(";"),
                   !tokens[statement.range.lowerBound].isIdentifier("typedef"),
                   !tokens[statement.range.lowerBound].inDirective {
                    let declarators = (statement.range.lowerBound)..<(statement.range.upperBound - 1)
                    for name in NewDeclarations.declaratorNames(tokens, declarators) {
                        fileScope[view.path, default: []].insert(tokens[name].text)
                    }
                }
                // The names `CCallFinder.calls` would report, without building the
                // calls; only a statement calling a module_param* needs them whole.
                let range = statement.range
                let caller = statement.function
                var callsModuleParam = false
                for i in range where i > range.lowerBound && tokens[i].isPunct("(")
                    && tokens[i - 1].kind == .identifier && !CKeywords.control.contains(tokens[i - 1].text) {
                    let name = tokens[i - 1].text
                    if let caller { callees[caller, default: []].insert(name) }
                    if name.hasPrefix("module_param") { callsModuleParam = true }
                }
                guard callsModuleParam else { continue }
                for call in CCallFinder.calls(in: tokens, range: statement.range) {
                    guard let param = SeriesCode.moduleParam(call, in: view) else { continue }
                    params.append(SeriesCode.ModuleParam(
                        patchIndex: 0, view: v, statement: s,
                        exposedName: param.exposed, variable: param.variable,
                        mode: PermissionArguments.mode(of: tokens[param.mode]),
                        modeText: CCallFinder.text(of: param.mode, in: tokens),
                        isNew: view.isNew(call.nameIndex)))
                }
            }
        }
        changedNames = changed.digest
        moduleParams = params
        self.callees = callees
        fileScopeVariables = fileScope
        hasNewWarnCall = warn
        hasNewBugCall = bug
        unreadDeclarations = IntroducedBeforeUseRule.unreadDeclarations(of: patch, views: views)
        reads = dropping ? IntroducedBeforeUseRule.readIndex(of: views) : nil
        assignments = UserTriggerableWarnRule.assignments(in: views)
    }
}

/// A set of names kept as their hashes: a few bytes a name, and a lookup that can only
/// err towards "maybe" (two names with one hash), which makes the caller look at the
/// code, where the real answer is. Hashes are `String.hashValue`s, so they agree with
/// `Set<String>` equality (canonically equal spellings hash alike) within one process.
struct NameDigest: Sendable {
    private let hashes: Set<Int>

    struct Builder {
        private var hashes: Set<Int> = []
        mutating func insert(_ name: String) { hashes.insert(name.hashValue) }
        var digest: NameDigest { NameDigest(hashes: hashes) }
    }

    private init(hashes: Set<Int>) { self.hashes = hashes }

    /// False only when no name of the set is `name`.
    func mayContain(_ name: String) -> Bool { hashes.contains(name.hashValue) }

    /// False only when none of `names` is in the set.
    func mayContainAny(of names: Set<String>) -> Bool {
        names.contains { hashes.contains($0.hashValue) }
    }
}
