import MMUReference

/// A condition with every name bound to the model, and how each name was bound.
public struct BoundCondition: Sendable {
    public var expression: ModelExpression
    /// "tdp_enabled -> host.tdp", "PT64_ROOT_4LEVEL = 4", one per distinct name.
    public var notes: [String]
    /// Declared parameters bound to model variables (param.direct_mmu).
    public var modelParameters: [ModelVariable: DeclaredModuleParameter]
    /// Declared parameters the model does not read, tried both ways, by choice name.
    public var choices: [String: DeclaredModuleParameter]
}

/// Turns a parsed C condition into a `ModelExpression` with `ModelBindings` and the
/// module parameters the series declares. The first name it cannot bind makes the whole
/// condition unknown, with that name as the reason.
public struct ConditionBinder {
    public var bindings: ModelBindings
    public var parameters: [DeclaredModuleParameter]

    public init(bindings: ModelBindings, parameters: [DeclaredModuleParameter]) {
        self.bindings = bindings
        self.parameters = parameters
    }

    public func bind(_ condition: ConditionExpression) -> Result<BoundCondition, ConditionParseFailure> {
        var state = BoundCondition(expression: .constant(0), notes: [], modelParameters: [:], choices: [:])
        do {
            state.expression = try bind(condition, &state)
            return .success(state)
        } catch let failure as ConditionParseFailure {
            return .failure(failure)
        } catch {
            return .failure(ConditionParseFailure("\(error)"))
        }
    }

    func note(_ text: String, _ state: inout BoundCondition) {
        if !state.notes.contains(text) { state.notes.append(text) }
    }

    func bind(_ e: ConditionExpression, _ state: inout BoundCondition) throws -> ModelExpression {
        switch e {
        case .integer(let n):
            return .constant(n)
        case .not(let x):
            return .not(try bind(x, &state))
        case .binary(let op, let a, let b):
            let l = try bind(a, &state), r = try bind(b, &state)
            switch op {
            case .logicalAnd: return .and(l, r)
            case .logicalOr: return .or(l, r)
            case .bitAnd: return .bitAnd(l, r)
            case .bitOr: return .bitOr(l, r)
            case .equal: return .compare(.equal, l, r)
            case .notEqual: return .compare(.notEqual, l, r)
            case .less: return .compare(.less, l, r)
            case .lessOrEqual: return .compare(.lessOrEqual, l, r)
            case .greater: return .compare(.greater, l, r)
            case .greaterOrEqual: return .compare(.greaterOrEqual, l, r)
            }
        case .identifier(let name):
            return try bindIdentifier(name, &state)
        case .member(let path):
            for b in bindings.variables {
                if case .member(let suffix) = b.pattern, MemberPath.has(path, suffix: suffix) {
                    note("\(e.text) -> \(b.model.rawValue)", &state)
                    return .variable(b.model)
                }
            }
            throw ConditionParseFailure("'\(e.text)' is not bound to the model")
        case .call(let name, let args):
            if bindings.transparentCalls.contains(name) {
                guard args.count == 1 else { throw ConditionParseFailure("\(name)() with \(args.count) arguments") }
                return try bind(args[0], &state)
            }
            for b in bindings.variables {
                if case .call(let callee) = b.pattern, callee == name {
                    note("\(name)() -> \(b.model.rawValue)", &state)
                    return .variable(b.model)
                }
            }
            throw ConditionParseFailure("call to \(name)() is not bound to the model")
        }
    }

    func bindIdentifier(_ name: String, _ state: inout BoundCondition) throws -> ModelExpression {
        if let value = bindings.constants[name] {
            note("\(name) = \(value)", &state)
            return .constant(value)
        }
        // A declared module parameter: the model's own, or a free user choice.
        if let param = parameters.first(where: { $0.variable == name }) {
            let how = "module parameter \(param.displayName)" + (param.writable == true ? ", writable at run time" : param.writable == false ? ", read-only after load" : "")
            if let model = bindings.parameters.first(where: { $0.names.contains(param.exposedName) || $0.names.contains(param.variable) }) {
                state.modelParameters[model.model] = param
                note("\(name) -> \(model.model.rawValue) (\(how))", &state)
                return .variable(model.model)
            }
            guard param.isBoolean else {
                throw ConditionParseFailure("module parameter \(param.displayName) is of type \(param.type ?? "?"); only bool parameters are enumerated")
            }
            state.choices[param.displayName] = param
            note("\(name) -> user choice \(param.displayName) (\(how))", &state)
            return .choice(param.displayName)
        }
        for b in bindings.variables {
            if case .global(let global) = b.pattern, global == name {
                note("\(name) -> \(b.model.rawValue)", &state)
                return .variable(b.model)
            }
        }
        if let model = bindings.parameters.first(where: { $0.names.contains(name) }) {
            note("\(name) -> \(model.model.rawValue) (module parameter \(model.display))", &state)
            return .variable(model.model)
        }
        throw ConditionParseFailure("'\(name)' is not bound to the model and is not a module parameter the series declares")
    }
}
