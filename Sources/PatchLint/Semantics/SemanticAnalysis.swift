import MMUReference

/// What the model says about one site.
public struct SemanticAnalysis: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// The condition can be true; the cause says who or what is needed.
        case reachable(ReachabilityCause)
        /// No witness: `proven` when the search was exhaustive, else a bound was hit.
        case unreachable(proven: Bool)
        /// Something in the condition (or its path) is not bound to the model.
        case unknown
    }

    public var site: SemanticSite
    public var outcome: Outcome
    /// One readable line, for reachable outcomes.
    public var witness: String?
    /// "model: unreachable (proven over all 768 configurations)", or why unknown.
    public var summary: String
    /// How the condition was bound, for --explain-semantics.
    public var explanation: [String]

    public var isUserReachable: Bool { outcome == .reachable(.userChoice) }
    public var isReachable: Bool { if case .reachable = outcome { return true } else { return false } }
    public var isProvenUnreachable: Bool { outcome == .unreachable(proven: true) }
}
