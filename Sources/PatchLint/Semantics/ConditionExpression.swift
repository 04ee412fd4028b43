/// The C condition of a BUG/WARN macro as far as semantic validation understands it.
/// Built by `ConditionParser`; anything outside this grammar is a `ConditionParseFailure`.
public indirect enum ConditionExpression: Sendable, Hashable {
    case identifier(String)
    /// `vcpu->arch.mmu->shadow_root_level`: the names, outermost first (`->` and `.` alike).
    case member([String])
    /// `READ_ONCE(x)`, `is_guest_mode(vcpu)`.
    case call(String, [ConditionExpression])
    case integer(Int)
    case not(ConditionExpression)
    case binary(BinaryOperator, ConditionExpression, ConditionExpression)

    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        case logicalAnd = "&&", logicalOr = "||"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case bitAnd = "&", bitOr = "|"
    }

    /// C text of the expression, normalised (one space around binary operators).
    public var text: String {
        switch self {
        case .identifier(let name): return name
        case .member(let path): return path.joined(separator: ".")
        case .call(let name, let args): return "\(name)(\(args.map(\.text).joined(separator: ", ")))"
        case .integer(let n): return String(n)
        case .not(let e): return "!" + e.atomText
        case .binary(let op, let a, let b): return "\(a.atomText) \(op.rawValue) \(b.atomText)"
        }
    }

    var atomText: String {
        if case .binary = self { return "(\(text))" }
        return text
    }
}

/// Why a condition is outside the grammar: the token or construct that stopped the parser.
public struct ConditionParseFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
