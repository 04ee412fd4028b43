/// "Can this condition be true, and who can make it so?" over the configuration space
/// (exhaustively) and the states operations reach from each configuration (bounded).
public struct ReachabilityQuery: Sendable {
    public var condition: ModelExpression
    public var event: ModelEvent
    /// Run-time writability of the direct-MMU parameter, when the patch declares it
    /// (module_param* permissions); nil tries both.
    public var directMMUWritable: Bool?
    /// How many operations after setup are explored from each configuration.
    public var depth: Int
    /// Operations applied in all (setup included) before the search gives up.
    public var stateBudget: Int
    /// vCPU counts to enumerate. Conditions hold "for some vCPU" and no bound variable
    /// depends on another vCPU's state, so one vCPU covers them; the value domains used
    /// for proofs do not depend on the count at all.
    public var vcpuCounts: [Int]

    public init(condition: ModelExpression, event: ModelEvent = .anyState, directMMUWritable: Bool? = nil,
                depth: Int = 3, stateBudget: Int = 400_000, vcpuCounts: [Int] = [1]) {
        self.condition = condition
        self.event = event
        self.directMMUWritable = directMMUWritable
        self.depth = depth
        self.stateBudget = stateBudget
        self.vcpuCounts = vcpuCounts
    }
}
