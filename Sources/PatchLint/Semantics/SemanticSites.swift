/// Builds `SemanticSite`s from lexed code: the macro's condition and the path guards in
/// its function (enclosing `if (c) {` / `while (c) {` heads, earlier
/// `if (c) return|goto|break|continue ...;` still in scope, and the `if (c)` of an
/// unbraced body). Other block heads (`else`, `for`, `switch`, `do`) become unsupported
/// guards, so a witness is never claimed past them.
enum SemanticSites {
    static func site(for call: CCall, statement index: Int, in view: CodeView, line: Int) -> SemanticSite? {
        guard SemanticSite.macros.contains(call.name), let first = call.arguments.first, !first.isEmpty else { return nil }
        let tokens = view.tokens
        let statement = view.statements[index]
        var guards = enclosingGuards(of: index, in: view)
        // `if (c) WARN_ON(x);`: the unbraced body runs when c holds. A macro inside the
        // condition itself (`if (WARN_ON(x)) return;`) has no such guard.
        if startsWithIf(tokens[statement.range]), let head = condition(of: statement, in: tokens),
           call.nameIndex >= head.upperBound {
            guards.append(.init(condition: CCallFinder.text(of: head, in: tokens), holds: true,
                                origin: "\(view.path):\(view.number(of: statement.range.lowerBound))"))
        }
        return SemanticSite(macro: call.name, condition: CCallFinder.text(of: first, in: tokens), guards: guards,
                            function: statement.function, path: view.path, line: line)
    }

    static func enclosingGuards(of index: Int, in view: CodeView) -> [SemanticSite.PathGuard] {
        let tokens = view.tokens
        guard let function = view.statements[index].function else { return [] }
        var open: [Int] = []
        var exits: [Int] = []
        for s in 0..<index where view.statements[s].function == function {
            let range = view.statements[s].range
            let head = tokens[range]
            if head.count == 1, head.first!.isPunct("}") {
                if let opener = open.popLast() { exits.removeAll { $0 > opener } }
            } else if head.last?.isPunct("{") == true {
                open.append(s)
            } else if head.last?.isPunct(";") == true, startsWithIf(head),
                      head.contains(where: { $0.kind == .identifier && ["return", "goto", "break", "continue"].contains($0.text) }) {
                exits.append(s)
            }
        }
        var guards: [SemanticSite.PathGuard] = []
        for s in open {
            let statement = view.statements[s]
            let head = tokens[statement.range]
            let origin = "\(view.path):\(view.number(of: statement.range.lowerBound))"
            guard let firstToken = head.first, firstToken.kind == .identifier else { continue }  // a plain `{` block
            if firstToken.text == "if" || firstToken.text == "while", let c = condition(of: statement, in: tokens) {
                guards.append(.init(condition: CCallFinder.text(of: c, in: tokens), holds: true, origin: origin))
            } else if ["else", "for", "switch", "do"].contains(firstToken.text) {
                guards.append(.init(unsupported: "'\(CCallFinder.text(of: statement.range, in: tokens))'", origin: origin))
            }
        }
        for s in exits {
            let statement = view.statements[s]
            guard let c = condition(of: statement, in: tokens) else { continue }
            guards.append(.init(condition: CCallFinder.text(of: c, in: tokens), holds: false,
                                origin: "\(view.path):\(view.number(of: statement.range.lowerBound))"))
        }
        return guards
    }

    /// A plain `if` (not `else if`, whose earlier branches would be missing conditions).
    static func startsWithIf(_ tokens: ArraySlice<CToken>) -> Bool {
        tokens.first?.isIdentifier("if") == true
    }

    static func condition(of statement: CStatement, in tokens: [CToken]) -> Range<Int>? {
        UserTriggerableWarnRule.condition(of: statement, in: tokens)
    }

    /// The module parameters the series shows (module_param* in added or context lines).
    static func parameters(_ code: SeriesCode, bindings: ModelBindings?) -> [DeclaredModuleParameter] {
        var out: [DeclaredModuleParameter] = []
        for param in code.moduleParams {
            guard let view = code.view(of: param) else { continue }
            let statement = view.statements[param.statement]
            let call = CCallFinder.calls(in: view.tokens, range: statement.range).first { $0.name.hasPrefix("module_param") }
            var type: String?
            if let call {
                let position: Int? = switch call.name {
                case "module_param", "module_param_unsafe": 2
                case "module_param_named", "module_param_named_unsafe": 3
                default: nil
                }
                if let position, call.arguments.count >= position {
                    type = view.tokens[call.arguments[position - 1]].first { $0.kind == .identifier }?.text
                }
            }
            let declared = DeclaredModuleParameter(
                variable: param.variable, exposedName: param.exposedName,
                module: bindings?.module(ofPath: view.path), type: type,
                writable: param.mode.value.map { $0 & 0o222 != 0 })
            if !out.contains(declared) { out.append(declared) }
        }
        return out
    }
}
