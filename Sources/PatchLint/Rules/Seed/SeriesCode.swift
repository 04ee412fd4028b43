/// The post-image of every patch of a series, lexed once, plus the facts several
/// seed rules need: module parameters, and which function calls which.
struct SeriesCode {
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

    struct PatchCode {
        /// Where an identifier occurs on a changed line: view, token and statement.
        struct Occurrence {
            var view: Int
            var token: Int
            var statement: Int
        }

        var patch: Patch
        var views: [CodeView]

        init(patch: Patch, views: [CodeView]) {
            self.patch = patch
            self.views = views
        }

        /// Where the identifiers named in `names` occur on added lines (moved ones
        /// included), by name, in view, statement and token order. Asked for the few
        /// names a rule looks up rather than built for every identifier.
        func changedIdentifiers(among names: Set<String>) -> [String: [Occurrence]] {
            changedIdentifiers(among: NameFilter(names))
        }

        /// `changedIdentifiers(among:)` with the filter built once for many patches.
        func changedIdentifiers(among filter: NameFilter) -> [String: [Occurrence]] {
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

    /// The index of a series, built once for all the series rules that need it.
    static func of(_ series: Series) -> SeriesCode {
        recent.value(for: series) { SeriesCode(series) }
    }

    static let recent = RecentCache<Series, SeriesCode>(capacity: 2)

    init(_ series: Series) {
        var patches: [PatchCode] = []
        var params: [ModuleParam] = []
        var callees: [String: Set<String>] = [:]
        var fileScope: [String: Set<String>] = [:]
        for patch in series.patches {
            let views = CodeView.views(of: patch, side: .new)
            for (v, view) in views.enumerated() {
                for (s, statement) in view.statements.enumerated() {
                    // Kernel style starts file-scope declarations at column 0; an
                    // indented one is a local in a hunk whose function we could not see.
                    if statement.isFileScope, statement.range.count > 2,
                       view.tokens[statement.range.lowerBound].column == 0,
                       view.tokens[statement.range.upperBound - 1].isPunct(";"),
                       !view.tokens[statement.range.lowerBound].isIdentifier("typedef"),
                       !view.tokens[statement.range.lowerBound].inDirective {
                        let declarators = (statement.range.lowerBound)..<(statement.range.upperBound - 1)
                        for name in NewDeclarations.declaratorNames(view.tokens, declarators) {
                            fileScope[view.path, default: []].insert(view.tokens[name].text)
                        }
                    }
                    // The names `CCallFinder.calls` would report, without building the
                    // calls; only a statement calling a module_param* needs them whole.
                    let tokens = view.tokens
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
                    for call in CCallFinder.calls(in: view.tokens, range: statement.range) {
                        guard let param = Self.moduleParam(call, in: view) else { continue }
                        params.append(ModuleParam(
                            patchIndex: patch.position, view: v, statement: s,
                            exposedName: param.exposed, variable: param.variable,
                            mode: PermissionArguments.mode(of: view.tokens[param.mode]),
                            modeText: CCallFinder.text(of: param.mode, in: view.tokens),
                            isNew: view.isNew(call.nameIndex)))
                    }
                }
            }
            patches.append(PatchCode(patch: patch, views: views))
        }
        self.patches = patches
        self.moduleParams = params
        self.callees = callees
        var callers: [String: Set<String>] = [:]
        for (caller, calls) in callees { for callee in calls { callers[callee, default: []].insert(caller) } }
        self.callers = callers
        self.fileScopeVariables = fileScope
    }

    func view(of param: ModuleParam) -> CodeView {
        patches[param.patchIndex - 1].views[param.view]
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
