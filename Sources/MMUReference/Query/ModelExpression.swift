/// A condition over the model: what a kernel condition becomes once every name in it is
/// bound (see rules/kvm-mmu-model.yml). Evaluated with C semantics: integers, 0 is false.
public indirect enum ModelExpression: Sendable, Hashable {
    case constant(Int)
    case variable(ModelVariable)
    /// A boolean user space chooses that the model does not otherwise read (a module
    /// parameter declared in the patch, by its name): both values are tried.
    case choice(String)
    case not(ModelExpression)
    case and(ModelExpression, ModelExpression)
    case or(ModelExpression, ModelExpression)
    case compare(ComparisonOperator, ModelExpression, ModelExpression)
    case bitAnd(ModelExpression, ModelExpression)
    case bitOr(ModelExpression, ModelExpression)

    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        public func holds(_ l: Int, _ r: Int) -> Bool {
            switch self {
            case .equal: return l == r
            case .notEqual: return l != r
            case .less: return l < r
            case .lessOrEqual: return l <= r
            case .greater: return l > r
            case .greaterOrEqual: return l >= r
            }
        }
    }

    /// The model variables the expression reads.
    public var variables: Set<ModelVariable> {
        switch self {
        case .constant, .choice: return []
        case .variable(let v): return [v]
        case .not(let e): return e.variables
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .bitAnd(let a, let b), .bitOr(let a, let b):
            return a.variables.union(b.variables)
        }
    }

    /// The user choices the expression reads, sorted.
    public var choices: [String] {
        var out: Set<String> = []
        func walk(_ e: ModelExpression) {
            switch e {
            case .constant, .variable: break
            case .choice(let name): out.insert(name)
            case .not(let x): walk(x)
            case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .bitAnd(let a, let b), .bitOr(let a, let b):
                walk(a); walk(b)
            }
        }
        walk(self)
        return out.sorted()
    }

    /// The value in `vm` for vCPU `v`, with `choices` giving the user's choices (absent = 0).
    public func evaluate(in vm: VM, vcpu v: Int, choices: [String: Bool] = [:]) -> Int {
        evaluate({ $0.value(in: vm, vcpu: v) }, choices: choices)
    }

    /// The value with each variable read through `value`.
    func evaluate(_ value: (ModelVariable) -> Int, choices: [String: Bool]) -> Int {
        func eval(_ e: ModelExpression) -> Int {
            switch e {
            case .constant(let n): return n
            case .variable(let x): return value(x)
            case .choice(let name): return choices[name] == true ? 1 : 0
            case .not(let x): return eval(x) == 0 ? 1 : 0
            case .and(let a, let b): return eval(a) != 0 && eval(b) != 0 ? 1 : 0
            case .or(let a, let b): return eval(a) != 0 || eval(b) != 0 ? 1 : 0
            case .bitAnd(let a, let b): return eval(a) & eval(b)
            case .bitOr(let a, let b): return eval(a) | eval(b)
            case .compare(let op, let a, let b): return op.holds(eval(a), eval(b)) ? 1 : 0
            }
        }
        return eval(self)
    }

    /// Whether the condition holds in `vm` for some vCPU (or for `vcpu` when given).
    public func holds(in vm: VM, vcpu: Int? = nil, choices: [String: Bool] = [:]) -> Bool {
        if let vcpu { return evaluate(in: vm, vcpu: vcpu, choices: choices) != 0 }
        return vm.vcpus.indices.contains { evaluate(in: vm, vcpu: $0, choices: choices) != 0 }
    }
}
