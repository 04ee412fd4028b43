/// The semantic checks' view of one series: the module parameters it declares and a
/// validator over the shipped bindings. Built once per series (rules share it).
public struct SemanticReview: Sendable {
    public let parameters: [DeclaredModuleParameter]
    public let validator: SemanticValidator

    /// The semantic view of a series' code, made once for the rules that ask (AVOID_BUG,
    /// USER_TRIGGERABLE_WARN) and kept with it.
    static func of(_ code: SeriesCode) -> SemanticReview {
        code.semanticReview {
            let bindings = ModelBindings.standard
            let parameters = SemanticSites.parameters(code, bindings: bindings)
            return SemanticReview(parameters: parameters,
                                  validator: SemanticValidator(bindings: bindings, parameters: parameters))
        }
    }

    public static func of(_ series: Series) -> SemanticReview { of(SeriesCode.of(series)) }

    /// The model's answer for a BUG/WARN call at `call` (statement `index` of `view`),
    /// or nil when the macro has no condition to validate (BUG()).
    func analyze(_ call: CCall, statement index: Int, in view: CodeView) -> SemanticAnalysis? {
        let line = view.diffLine(of: call.nameIndex).newNumber ?? 0
        guard let site = SemanticSites.site(for: call, statement: index, in: view, line: line) else { return nil }
        return validator.analyze(site)
    }

    /// Every new BUG/WARN site of the series with its analysis, in patch and line order
    /// (for --explain-semantics).
    public static func explain(_ series: Series) -> [SemanticAnalysis] {
        let code = SeriesCode.of(series)
        let review = of(code)
        var out: [SemanticAnalysis] = []
        for patch in code.patches {
            for view in patch.views {
                for (s, statement) in view.statements.enumerated() {
                    for call in CCallFinder.calls(in: view.tokens, range: statement.range)
                    where SemanticSite.macros.contains(call.name) && view.isNew(call.nameIndex) {
                        if let analysis = review.analyze(call, statement: s, in: view) { out.append(analysis) }
                    }
                }
            }
        }
        return out
    }
}
