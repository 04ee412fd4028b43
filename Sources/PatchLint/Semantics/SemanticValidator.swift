import MMUReference

/// The bridge from C to the model: parses a site's condition and path guards, binds them
/// (`ConditionBinder`), runs a `ReachabilityQuery` at the site's model event and words the
/// answer (`WitnessFormatter`).
///
/// Unsound answers are avoided on both sides: a path guard that cannot be bound is left
/// out of the query, which can only make the condition easier to reach, so "unreachable"
/// stays a proof; a witness found without that guard is reported as unknown instead.
public struct SemanticValidator: Sendable {
    public var bindings: ModelBindings?
    public var parameters: [DeclaredModuleParameter]
    public var depth: Int
    public var stateBudget: Int

    public init(bindings: ModelBindings? = ModelBindings.standard, parameters: [DeclaredModuleParameter] = [],
                depth: Int = 3, stateBudget: Int = 400_000) {
        self.bindings = bindings
        self.parameters = parameters
        self.depth = depth
        self.stateBudget = stateBudget
    }

    /// User choices outside the model are enumerated (2^n assignments per configuration).
    public static let maxChoices = 6

    public func analyze(_ site: SemanticSite) -> SemanticAnalysis {
        var explanation = ["\(site.path):\(site.line): \(site.macro)(\(site.condition))"
                           + (site.function.map { " in \($0)()" } ?? "")]
        func unknown(_ reason: String) -> SemanticAnalysis {
            explanation.append("  unknown: \(reason)")
            return SemanticAnalysis(site: site, outcome: .unknown, witness: nil, summary: "model: unknown (\(reason))",
                                    explanation: explanation)
        }
        guard let bindings else { return unknown("no \(ModelBindings.fileName) found in the rules directory") }
        let binder = ConditionBinder(bindings: bindings, parameters: parameters)

        let main: BoundCondition
        switch ConditionParser.parse(site.condition).flatMap(binder.bind) {
        case .failure(let failure): return unknown("condition '\(site.condition)': \(failure.reason)")
        case .success(let bound): main = bound
        }
        explanation.append("  condition: \(site.condition)")
        explanation += main.notes.map { "    bound: \($0)" }

        var expression = main.expression
        var modelParameters = main.modelParameters
        var choices = main.choices
        var unboundGuards: [String] = []
        for g in site.guards {
            let origin = g.origin.isEmpty ? "" : " (\(g.origin))"
            if g.unsupported != nil {
                unboundGuards.append(g.condition)
                explanation.append("  path: through \(g.condition)\(origin): left out, the bridge does not model this construct")
                continue
            }
            switch ConditionParser.parse(g.condition).flatMap(binder.bind) {
            case .failure(let failure):
                unboundGuards.append(g.condition)
                explanation.append("  path: \(g.condition) must be \(g.holds)\(origin): left out, \(failure.reason)")
            case .success(let bound):
                expression = .and(expression, g.holds ? bound.expression : .not(bound.expression))
                modelParameters.merge(bound.modelParameters) { a, _ in a }
                choices.merge(bound.choices) { a, _ in a }
                explanation.append("  path: \(g.condition) must be \(g.holds)\(origin)")
                explanation += bound.notes.map { "    bound: \($0)" }
            }
        }

        // The declaration of a parameter the model reads is a fact about the code even
        // when the condition reads only the per-VM snapshot: it fixes writability and names.
        for binding in bindings.parameters where modelParameters[binding.model] == nil {
            if let declared = parameters.first(where: { binding.names.contains($0.exposedName) || binding.names.contains($0.variable) }) {
                modelParameters[binding.model] = declared
            }
        }

        // A condition that reads nothing (WARN_ON(1) in a default: branch) says nothing the
        // model can check: whether it fires is whether the code is reached.
        if expression.variables.isEmpty && expression.choices.isEmpty {
            return unknown("the condition is constant: whether it fires depends only on reaching the code")
        }
        // Every assignment of the choices is tried: keep that small.
        if expression.choices.count > Self.maxChoices {
            return unknown("the condition reads \(expression.choices.count) module parameters the model does not know; at most \(Self.maxChoices) are enumerated")
        }
        let knownEvent = site.function.flatMap { bindings.events[$0] }
        let event = knownEvent ?? .anyState
        explanation.append("  evaluated at: \(event.rawValue)" + (site.function.map { " (\($0))" } ?? "")
                           + (knownEvent == nil ? ", when the function runs is not bound: only a proof of unreachability counts" : ""))
        explanation.append("  model query: \(ModelExpressionText.render(expression))")
        let query = ReachabilityQuery(condition: expression, event: event,
                                      directMMUWritable: modelParameters[.directMMUParameter]?.writable,
                                      depth: depth, stateBudget: stateBudget)
        let result = ReachabilitySearch.run(query)
        switch result {
        case .reachable(let w):
            if !unboundGuards.isEmpty {
                return unknown("reachable only when ignoring the path condition(s) \(unboundGuards.map { "'\($0)'" }.joined(separator: ", ")), which the bindings do not cover")
            }
            // The model reaches the condition in some state, but the function may only run
            // in others (its callers' conditions are not visible): no witness is claimed.
            if knownEvent == nil {
                return unknown("reachable in the model (\(Trace.format(w.configuration))), but when \(site.function.map { "\($0)()" } ?? "this code") runs is not bound (events in \(ModelBindings.fileName))")
            }
            let formatter = WitnessFormatter(bindings: bindings, modelParameters: modelParameters, choices: choices)
            let line = formatter.line(w, expression: expression, site: site)
            explanation.append("  result: reachable (\(w.cause.rawValue)): \(line)")
            explanation.append("  replay (mmu-review model replay): " + w.trace.text.split(separator: "\n").joined(separator: " | "))
            return SemanticAnalysis(site: site, outcome: .reachable(w.cause), witness: line,
                                    summary: "model: reachable (\(w.cause == .userChoice ? "by user choice" : w.cause == .hardware ? "on particular hardware" : "through kernel-internal operations"))",
                                    explanation: explanation)
        case .unreachable(let extent):
            let summary = extent.exhaustive ? "model: unreachable (\(extent.summary))" : "model: \(extent.summary)"
            explanation.append("  result: " + summary)
            return SemanticAnalysis(site: site, outcome: .unreachable(proven: extent.exhaustive), witness: nil,
                                    summary: summary, explanation: explanation)
        }
    }
}

/// Model expressions as text, for --explain-semantics.
enum ModelExpressionText {
    static func render(_ e: ModelExpression) -> String {
        switch e {
        case .constant(let n): return String(n)
        case .variable(let v): return v.rawValue
        case .choice(let name): return "choice(\(name))"
        case .not(let x): return "!" + atom(x)
        case .and(let a, let b): return "\(atom(a)) && \(atom(b))"
        case .or(let a, let b): return "\(atom(a)) || \(atom(b))"
        case .bitAnd(let a, let b): return "\(atom(a)) & \(atom(b))"
        case .bitOr(let a, let b): return "\(atom(a)) | \(atom(b))"
        case .compare(let op, let a, let b): return "\(atom(a)) \(op.rawValue) \(atom(b))"
        }
    }

    static func atom(_ e: ModelExpression) -> String {
        switch e {
        case .constant, .variable, .choice, .not: return render(e)
        default: return "(\(render(e)))"
        }
    }
}
