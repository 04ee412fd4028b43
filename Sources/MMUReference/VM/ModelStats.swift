/// Counters of what a run exercised, so that "no violation" can be read against what was
/// actually reached (a model that never maps a huge page proves nothing about them).
public struct ModelStats: Sendable, Hashable {
    public var accessesMapped = 0
    public var guestFaults = 0
    public var exitsToUserSpace = 0
    public var tdpPagesAllocated = 0
    public var shadowPagesAllocated = 0
    public var hugeLeavesInstalled = 0
    public var nestedLeavesInstalled = 0
    public var differentialComparisons = 0
    public var rootsFreed = 0
    public var cachedRootHits = 0
    public var guestTableWritesTracked = 0
    public var tlbFlushes = 0
    public init() {}

    public mutating func add(_ o: ModelStats) {
        accessesMapped += o.accessesMapped
        guestFaults += o.guestFaults
        exitsToUserSpace += o.exitsToUserSpace
        tdpPagesAllocated += o.tdpPagesAllocated
        shadowPagesAllocated += o.shadowPagesAllocated
        hugeLeavesInstalled += o.hugeLeavesInstalled
        nestedLeavesInstalled += o.nestedLeavesInstalled
        differentialComparisons += o.differentialComparisons
        rootsFreed += o.rootsFreed
        cachedRootHits += o.cachedRootHits
        guestTableWritesTracked += o.guestTableWritesTracked
        tlbFlushes += o.tlbFlushes
    }

    public var summary: String {
        "mapped \(accessesMapped), guest faults \(guestFaults), exits \(exitsToUserSpace), "
            + "TDP pages \(tdpPagesAllocated), shadow pages \(shadowPagesAllocated), huge leaves \(hugeLeavesInstalled), "
            + "nested leaves \(nestedLeavesInstalled) (\(differentialComparisons) compared with the TDP MMU), "
            + "roots freed \(rootsFreed), cached-root hits \(cachedRootHits), tracked guest-table writes \(guestTableWritesTracked), "
            + "TLB flushes \(tlbFlushes)"
    }
}
