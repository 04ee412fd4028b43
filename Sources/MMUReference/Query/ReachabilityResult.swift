/// Who had to act, or what the host had to be, for a condition to become true.
public enum ReachabilityCause: String, Sendable, Hashable {
    /// User choices alone on a common host (4-level TDP paging): module parameters at
    /// load time or, when writable, at run time; VMM ioctls; guest behaviour.
    case userChoice = "user"
    /// Only on hosts with particular hardware (5-level TDP paging), by any user choices.
    case hardware
    /// Only through the kernel's own decisions (memory pressure zaps, internal root frees).
    case kernel
}

/// A concrete way to make the condition true.
public struct ReachabilityWitness: Sendable, Hashable {
    public var configuration: VMConfiguration
    /// Values of the user choices (`ModelExpression.choice`) the witness needs.
    public var choices: [String: Bool]
    /// Operations after VM creation, shrunk; empty when the VM's creation suffices.
    public var operations: [Operation]
    /// The vCPU the condition held for.
    public var vcpu: Int
    public var cause: ReachabilityCause
    /// Set when an earlier, more user-facing search stopped at a bound: the cause is then
    /// "the first found", not proven the only one.
    public var boundNote: String?

    /// The trace that replays the witness (`mmu-review model replay`).
    public var trace: Trace { Trace(configuration: configuration, operations: operations) }
}

/// How much was searched when no witness turned up.
public struct SearchExtent: Sendable, Hashable {
    public var configurations: Int
    public var operationsApplied: Int
    public var depth: Int
    /// True when the answer is a proof: the condition reads only what the configuration
    /// fixes (or is evaluated at VM creation), and every configuration was tried.
    public var exhaustive: Bool
    /// True when the state budget stopped the search before the depth was covered.
    public var budgetHit: Bool

    public var summary: String {
        if exhaustive { return "proven over all \(configurations) configurations" }
        return "no witness within \(depth) operation(s) after setup over \(configurations) configurations"
            + (budgetHit ? " (state budget of \(operationsApplied) operations hit)"
                         : " (depth bound hit; \(operationsApplied) operations applied)")
    }
}

public enum Reachability: Sendable, Hashable {
    case reachable(ReachabilityWitness)
    case unreachable(SearchExtent)

    public var witness: ReachabilityWitness? {
        if case .reachable(let w) = self { return w }
        return nil
    }
}
