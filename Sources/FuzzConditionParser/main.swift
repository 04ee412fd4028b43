import FuzzSupport
import PatchLint

// The BUG_ON/WARN_ON condition parser on arbitrary bytes (decoded as UTF-8 lossily), then
// binding what it accepts with the standard bindings (rules/kvm-mmu-model.yml) and two
// declared module parameters. "Unknown" (a failure with a reason) is always a fine answer;
// a crash, a hang or an answer that changes when the normalised text is parsed again is not.
let bindings = ModelBindings.standard
precondition(bindings != nil, "rules/kvm-mmu-model.yml not found (set MMU_REVIEW_RULES)")
let parameters = [
    DeclaredModuleParameter(variable: "fuzz_flag", exposedName: "fuzz_flag", module: "kvm", type: "bool", writable: true),
    DeclaredModuleParameter(variable: "fuzz_count", exposedName: "fuzz_count", module: "kvm", type: "int", writable: false),
]
let binder = bindings.map { ConditionBinder(bindings: $0, parameters: parameters) }

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    switch ConditionParser.parse(text) {
    case .failure(let failure):
        precondition(!failure.reason.isEmpty, "a failure without a reason")
    case .success(let expression):
        // The normalised text means the same condition. It adds parentheses around
        // nested binary operands, so a long chain may now hit the nesting limit: that is
        // the only acceptable way for the second parse to differ.
        switch ConditionParser.parse(expression.text) {
        case .success(let again):
            precondition(again == expression, "'\(expression.text)' parses to a different condition")
        case .failure(let failure):
            precondition(failure.reason.hasPrefix("nested deeper"), "normalised text '\(expression.text)' fails: \(failure)")
        }
        guard let binder else { return }
        switch binder.bind(expression) {
        case .failure(let failure):
            precondition(!failure.reason.isEmpty, "a binding failure without a reason")
        case .success(let bound):
            _ = (bound.expression.variables, bound.expression.choices)
            precondition(Set(bound.expression.choices) == Set(bound.choices.keys), "choices and their declarations differ")
            precondition(Set(bound.modelParameters.keys).isSubset(of: bound.expression.variables), "a bound parameter the expression does not read")
        }
    }
}
