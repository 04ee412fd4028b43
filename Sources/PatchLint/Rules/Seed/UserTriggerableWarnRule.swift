/// USER_TRIGGERABLE_WARN — from the seed review: "User-induced WARNs are bad,
/// direct_mmu_enabled must be forced to zero in kvm_disable_tdp()."
///
/// Two layers. The model (Semantics/, rules/kvm-mmu-model.yml): when the WARN's
/// condition and the path to it bind to the MMU reference model, a user-reachable
/// condition is an error with a witness, and a condition the model proves unreachable is
/// not reported. Otherwise (unknown, hardware-only, or no witness within the bound) the
/// syntactic check decides: a new WARN*() whose condition, or the path to it in the same
/// function (an enclosing `if`, an earlier `if (...) return ...;`), reads a module
/// parameter, something the series assigns from one, or a knob module parameters set
/// (rules/bindings/kvm-knobs.yml) is a warning.
public struct UserTriggerableWarnRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "USER_TRIGGERABLE_WARN",
        severity: .warning,
        scope: .series,
        summary: "A WARN whose condition user space controls through module parameters",
        rationale: """
            WARN() says "the kernel has a bug". If loading a module with some parameters \
            (kvm_intel.ept=0) or writing a parameter in /sys makes the condition true, user \
            space can fill the log with splats on demand, fuzzers report it as a kernel bug, \
            and machines running with panic_on_warn crash. A configuration the user may \
            choose must be handled (refused, or forced consistent where the knob is set), \
            not warned about. When the condition and its path bind to the MMU model \
            (rules/kvm-mmu-model.yml), the model decides: user-reachable is an error with a \
            witness, proven unreachable is not reported.
            """,
        fix: """
            Make the state impossible where the parameter is set (e.g. force the dependent \
            parameter off when TDP is disabled), or handle it without WARN (return an error, \
            pr_warn_once).
            """,
        triggeringExamples: [
            RuleExample("""
                static bool is_foo_enabled(void)
                {
                \tif (!READ_ONCE(enable_foo))
                \t\treturn false;

                ↓\tif (WARN_ONCE(!tdp_enabled,
                \t\t      "foo requires TDP."))
                \t\treturn false;
                \treturn true;
                }
                """),
            RuleExample("""
                static bool __read_mostly enable_bar;
                module_param_named(bar, enable_bar, bool, 0444);

                static int bar_init(struct kvm *kvm)
                {
                \tif (!READ_ONCE(enable_bar))
                \t\treturn 0;
                ↓\tWARN_ON(kvm->arch.nr_things);
                \treturn 0;
                }
                """),
            RuleExample("""
                static bool __read_mostly enable_baz;
                module_param_named(baz, enable_baz, bool, 0644);

                static void baz_setup(struct kvm *kvm)
                {
                \tkvm->arch.baz = enable_baz;
                }

                static void baz_use(struct kvm *kvm)
                {
                ↓\tWARN_ON_ONCE(kvm->arch.baz && !kvm->arch.ready);
                }
                """),
        ],
        nonTriggeringExamples: [
            // The path reads a parameter, but the model proves the condition false: the
            // per-VM snapshot is never set without TDP.
            RuleExample("""
                static bool __read_mostly enable_qux;
                module_param_named(qux, enable_qux, bool, 0444);

                static void qux_check(struct kvm *kvm)
                {
                \tif (!READ_ONCE(enable_qux))
                \t\treturn;
                \tWARN_ON(kvm->arch.tdp_mmu_enabled && !tdp_enabled);
                }
                """),
            RuleExample("""
                static void free_root(struct kvm *kvm, struct kvm_mmu_page *sp)
                {
                \tWARN_ON_ONCE(!sp->root_count);
                \tif (!tdp_enabled)
                \t\treturn;
                }
                """),
            RuleExample("""
                static void zap(struct kvm *kvm)
                {
                \tif (!tdp_enabled)
                \t\treturn;
                }

                static void other(struct kvm *kvm)
                {
                \tWARN_ON(kvm->arch.n_used_mmu_pages);
                }
                """),
            RuleExample(diff: """
                 \tif (WARN_ON_ONCE(!tdp_enabled))
                 \t\treturn;
                +\tkvm_flush(kvm);
                """),
            RuleExample("\tpr_warn(\"WARN_ON(enable_ept)\\n\");"),
        ])

    /// A name an expression reads: a member access by `owner.member`, anything else by
    /// its name alone.
    struct Lookup: Sendable {
        var name: String
        var memberKey: String?
    }

    /// An assignment with a right-hand side, as much of it as the taint needs (a patch's
    /// facts keep these, not its code).
    struct TaintAssignment: Sendable {
        /// The assigned name (the last identifier of the target).
        var target: String
        /// `owner.member` when the target is a member access.
        var memberKey: String?
        var path: String
        /// The enclosing function's scope key, nil at file scope.
        var scope: String?
        var line: Int
        /// The target as written (`kvm->arch.x`).
        var lhsText: String
        var rhs: [Lookup]
    }

    /// Every assignment in `views` whose right-hand side reads a name, in code order
    /// (one that reads none, `x = 0`, can never pass a user's choice on).
    static func assignments(in views: [CodeView]) -> [TaintAssignment] {
        var out: [TaintAssignment] = []
        for view in views {
            let tokens = view.tokens
            // One scope key string per function, shared by its assignments.
            var scopes: [String: String] = [:]
            for statement in view.statements where mayAssign(tokens, statement.range) {
                for assignment in CExpressions.assignments(in: tokens, range: statement.range) where !assignment.rhs.isEmpty {
                    let rhs = Taint.lookups(assignment.rhs, in: tokens)
                    guard !rhs.isEmpty else { continue }
                    let scope = statement.function.map { function in
                        if let known = scopes[function] { return known }
                        let key = Taint.scopeKey(view, statement)!
                        scopes[function] = key
                        return key
                    }
                    out.append(TaintAssignment(
                        target: tokens[assignment.target].text,
                        memberKey: assignment.isMember ? Taint.memberKey(tokens, assignment.target) : nil,
                        path: view.path, scope: scope, line: view.number(of: assignment.target),
                        lhsText: CCallFinder.text(of: assignment.lhs, in: tokens), rhs: rhs))
                }
            }
        }
        return out
    }

    /// What user space controls, with the reason shown in messages.
    ///
    /// Globals (module parameter variables, knobs) are known everywhere. A member is
    /// known by its owner and name (`arch.x_allowed`, `msr_info.data`), so that a
    /// generic member name assigned from a parameter in one place does not taint every
    /// `->data` in the series. A local is known only inside its function.
    struct Taint {
        /// Module parameter variables and knobs: known in every file.
        var globals: [String: String] = [:]
        /// Other file-scope variables assigned from user-controlled values, by file.
        var fileGlobals: [String: [String: String]] = [:]
        var members: [String: String] = [:]
        var locals: [String: [String: String]] = [:]

        /// `owner.member` for the member access at `i` (owner empty when it is not a name).
        static func memberKey(_ tokens: [CToken], _ i: Int) -> String {
            let owner = i >= 2 && tokens[i - 2].kind == .identifier ? tokens[i - 2].text : ""
            return "\(owner).\(tokens[i].text)"
        }

        static func scopeKey(_ view: CodeView, _ statement: CStatement) -> String? {
            statement.function.map { "\(view.path)#\($0)" }
        }

        /// Why the expression in `range` is under user control, or nil.
        func reason(_ range: Range<Int>, in tokens: [CToken], scope: String?, path: String) -> String? {
            reason(Self.lookups(range, in: tokens), scope: scope, path: path)
        }

        /// The names an expression reads, in order, as `reason` looks them up: every
        /// identifier that is not called, a member access by `owner.member`.
        static func lookups(_ range: Range<Int>, in tokens: [CToken]) -> [Lookup] {
            var out: [Lookup] = []
            for i in range where tokens[i].kind == .identifier {
                if i + 1 < tokens.count, tokens[i + 1].isPunct("(") { continue }
                out.append(Lookup(name: tokens[i].text,
                                  memberKey: CExpressions.isMemberAccess(tokens, i) ? memberKey(tokens, i) : nil))
            }
            return out
        }

        /// Why an expression reading `lookups` is under user control, or nil.
        func reason(_ lookups: [Lookup], scope: String?, path: String) -> String? {
            for lookup in lookups {
                if let key = lookup.memberKey {
                    if let why = members[key] { return why }
                } else if let scope, let why = locals[scope]?[lookup.name] {
                    return why
                } else if let why = fileGlobals[path]?[lookup.name] ?? globals[lookup.name] {
                    return why
                }
            }
            return nil
        }

        var isEmpty: Bool { globals.isEmpty && fileGlobals.isEmpty && members.isEmpty && locals.isEmpty }
    }

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        let code = SeriesCode.of(series, context)
        let taint = Self.taint(code, knobs: KVMKnobs.standard)
        let semantic = SemanticReview.of(code)
        let empty = findings.emptied()
        // Patches with a new WARN, each on its own (on all cores).
        for found in code.mapPatches(where: \.hasNewWarnCall, { patch in
            var findings = empty
            for view in patch.views {
                for (s, statement) in view.statements.enumerated() where Self.hasNewWarnCall(statement, in: view) {
                    // One finding per statement, for its first WARN that user space controls.
                    for call in CCallFinder.calls(in: view.tokens, range: statement.range)
                    where Self.isWarn(call.name) && view.isNew(call.nameIndex) {
                        guard let condition = call.arguments.first,
                              let line = view.reportLine(for: statement) else { continue }
                        let conditionText = CCallFinder.text(of: condition, in: view.tokens)
                        let model = semantic.analyze(call, statement: s, in: view)
                        // Proven false in every configuration and state: not a finding.
                        if let model, model.isProvenUnreachable { continue }
                        var why: String?
                        if !taint.isEmpty {
                            let direct = taint.reason(condition, in: view.tokens,
                                                      scope: Taint.scopeKey(view, statement), path: view.path)
                            let path = Self.pathReason(to: s, in: view, taint: taint)
                            switch (direct, path) {
                            case let (reason?, path?):
                                why = "its condition '\(conditionText)' depends on \(reason), and the path to it goes through \(path)"
                            case let (reason?, nil):
                                why = "its condition '\(conditionText)' depends on \(reason)"
                            case let (nil, path?):
                                why = "the path to it goes through \(path)"
                            case (nil, nil):
                                why = nil
                            }
                        }
                        let advice = "A configuration the user may choose must be handled, not warned about (panic_on_warn turns it into a crash)"
                        if let model, model.isUserReachable {
                            // The model's proof, with the syntactic reading as the explanation.
                            findings.report(
                                Self.description, patchIndex: patch.patch.position, file: view.path,
                                line: line.newNumber ?? 0,
                                "User space can trigger this \(call.name)(): the MMU model makes '\(conditionText)' true on its path by user choice alone (see the witness)"
                                    + (why.map { "; \($0)" } ?? "") + ". " + advice,
                                severity: .error, witness: model.witness, sourceLine: line.text)
                            break
                        }
                        guard let why else { continue }
                        findings.report(
                            Self.description, patchIndex: patch.patch.position, file: view.path,
                            line: line.newNumber ?? 0,
                            "User space can trigger this \(call.name)(): \(why). " + advice
                                + (model.map { $0.outcome == .unknown ? "" : " (\($0.summary))" } ?? ""),
                            witness: model?.witness, sourceLine: line.text)
                        break
                    }
                }
            }
            return findings
        }) {
            findings.append(found)
        }
    }

    /// True when some new identifier of the statement that `isWarn` accepts is followed
    /// by `(`: the shape of every call `CCallFinder.calls` can report for it. Most
    /// statements have none, and finding their calls is the costly part.
    static func hasNewWarnCall(_ statement: CStatement, in view: CodeView) -> Bool {
        let tokens = view.tokens
        let range = statement.range
        guard range.count >= 2 else { return false }
        for i in range.lowerBound..<(range.upperBound - 1) where tokens[i].kind == .identifier
            && tokens[i].text.utf8.first == UInt8(ascii: "W") && tokens[i + 1].isPunct("(")
            && isWarn(tokens[i].text) && view.isNew(i) {
            return true
        }
        return false
    }

    static func isWarn(_ name: String) -> Bool {
        name == "WARN" || name.hasPrefix("WARN_ON") || name == "WARN_ONCE"
            || name == "WARN_RATELIMIT" || name.hasPrefix("WARN_TAINT")
    }

    /// Module parameter variables, knobs, and (to a fixed point) whatever the series
    /// assigns from them.
    static func taint(_ code: SeriesCode, knobs: KVMKnobs) -> Taint {
        var taint = Taint()
        for knob in knobs.knobs {
            taint.globals[knob.name] = "'\(knob.name)', which module parameters set (\(knob.setBy.joined(separator: ", ")))"
        }
        for param in code.moduleParams where taint.globals[param.variable] == nil {
            taint.globals[param.variable] = "module parameter '\(param.exposedName)' ('\(param.variable)')"
        }
        // Every assignment of the series (the patches' facts), with the slot its
        // target's taint would go to; then propagate to a fixed point.
        enum Slot { case member(String), fileGlobal(path: String, name: String), local(scope: String, name: String) }
        let candidates = code.patches.flatMap(\.facts.assignments)
        // The names that may ever be tainted, to a fixed point over names alone: a
        // knob, a parameter variable, or the target of an assignment that reads one.
        // Every slot the rounds below fill is keyed by such a name, so an assignment
        // whose right-hand side reads none of them never fills a slot: leave it out of
        // the rounds. (They visit the remaining sites in the same order: same result.)
        var reach = NameFilter(Set(taint.globals.keys))
        var reads = Array(repeating: false, count: candidates.count)
        var grew = true
        while grew {
            grew = false
            for n in candidates.indices where !reads[n] {
                guard Self.mayRead(reach, candidates[n].rhs) else { continue }
                reads[n] = true
                if reach.insert(candidates[n].target) { grew = true }
            }
        }
        var sites: [(site: TaintAssignment, slot: Slot)] = []
        for (n, site) in candidates.enumerated() where reads[n] {
            let name = site.target
            let slot: Slot
            if let key = site.memberKey {
                slot = .member(key)
            } else if taint.globals[name] != nil {
                continue  // a parameter or knob is already known
            } else if code.fileScopeVariables[site.path]?.contains(name) == true {
                slot = .fileGlobal(path: site.path, name: name)
            } else if let scope = site.scope {
                slot = .local(scope: scope, name: name)
            } else {
                continue
            }
            sites.append((site, slot))
        }
        var changed = true
        var rounds = 0
        var done = Array(repeating: false, count: sites.count)
        while changed && rounds < 8 {
            changed = false
            rounds += 1
            for n in sites.indices where !done[n] {
                let filled: Bool
                switch sites[n].slot {
                case .member(let key): filled = taint.members[key] != nil
                case .fileGlobal(let path, let name): filled = taint.fileGlobals[path]?[name] != nil
                case .local(let scope, let name): filled = taint.locals[scope]?[name] != nil
                }
                if filled {
                    done[n] = true
                    continue
                }
                let site = sites[n].site
                guard let source = taint.reason(site.rhs, scope: site.scope, path: site.path) else { continue }
                let why = "'\(site.lhsText)', assigned at \(site.path):\(site.line) from \(source)"
                switch sites[n].slot {
                case .member(let key): taint.members[key] = why
                case .fileGlobal(let path, let name): taint.fileGlobals[path, default: [:]][name] = why
                case .local(let scope, let name): taint.locals[scope, default: [:]][name] = why
                }
                done[n] = true
                changed = true
            }
        }
        return taint
    }

    /// False when the statement has no operator ending in `=`: then it has no
    /// assignment with a right-hand side (every one of `CExpressions.assignmentOperators`
    /// ends so; `++`/`--` have none), and finding its assignments can be skipped.
    static func mayAssign(_ tokens: [CToken], _ range: Range<Int>) -> Bool {
        for i in range where tokens[i].kind == .punct {
            // The last byte, without the generic (unspecialised) `Collection.last`.
            let bytes = tokens[i].text.utf8
            if !bytes.isEmpty, bytes[bytes.index(before: bytes.endIndex)] == UInt8(ascii: "=") { return true }
        }
        return false
    }

    /// False when `Taint.reason` cannot find anything in an expression reading
    /// `lookups` whatever the taint holds: every name it looks up (member, local, file
    /// global or global) is one of them, so one of them must be in `names`.
    static func mayRead(_ names: NameFilter, _ lookups: [Lookup]) -> Bool {
        lookups.contains { names.contains($0.name) }
    }

    /// A user-controlled condition on the way to statement `index` in its function: an
    /// enclosing `if`/`while` head, or an earlier `if (cond) return/goto ...;`.
    static func pathReason(to index: Int, in view: CodeView, taint: Taint) -> String? {
        let target = view.statements[index]
        guard let function = target.function else { return nil }
        var open: [Int] = []
        var exits: [Int] = []
        for s in 0..<index where view.statements[s].function == function {
            let statement = view.statements[s]
            let tokens = view.tokens[statement.range]
            if tokens.count == 1, tokens.first!.isPunct("}") {
                if !open.isEmpty { open.removeLast() }
            } else if tokens.last?.isPunct("{") == true {
                open.append(s)
            } else if tokens.last?.isPunct(";") == true, startsWithIf(tokens),
                      tokens.contains(where: { ["return", "goto", "break", "continue"].contains($0.text) && $0.kind == .identifier }) {
                exits.append(s)
            }
        }
        for s in open + exits {
            let statement = view.statements[s]
            guard startsWithIf(view.tokens[statement.range]) || view.tokens[statement.range].first?.isIdentifier("while") == true,
                  let condition = condition(of: statement, in: view.tokens),
                  let reason = taint.reason(condition, in: view.tokens,
                                            scope: Taint.scopeKey(view, statement), path: view.path) else { continue }
            let head = CCallFinder.text(of: statement.range, in: view.tokens)
            return "'\(head)' (\(view.path):\(view.number(of: statement.range.lowerBound))), which depends on \(reason)"
        }
        return nil
    }

    static func startsWithIf(_ tokens: ArraySlice<CToken>) -> Bool {
        guard let first = tokens.first else { return false }
        if first.isIdentifier("if") { return true }
        return first.isIdentifier("else") && tokens.dropFirst().first?.isIdentifier("if") == true
    }

    /// The tokens inside the parentheses after `if`/`while`.
    static func condition(of statement: CStatement, in tokens: [CToken]) -> Range<Int>? {
        guard let open = statement.range.first(where: { tokens[$0].isPunct("(") }) else { return nil }
        var depth = 0
        for i in open..<statement.range.upperBound {
            if tokens[i].isPunct("(") { depth += 1 }
            if tokens[i].isPunct(")") {
                depth -= 1
                if depth == 0 { return (open + 1)..<i }
            }
        }
        return nil
    }
}
