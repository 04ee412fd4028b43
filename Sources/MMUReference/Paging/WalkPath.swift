/// One paging-structure entry the walk read, and what it left there.
public struct WalkStep: Sendable, Hashable {
    public var level: PagingLevel
    /// Guest physical address of the entry.
    public var entryAddress: UInt64
    /// The entry as the walk read it.
    public var entry: PageTableEntry
    /// The entry after the walk's A/D update (SDM 4.8); equal to `entry` when the
    /// walk did not change it.
    public var updatedEntry: PageTableEntry

    public init(level: PagingLevel, entryAddress: UInt64, entry: PageTableEntry, updatedEntry: PageTableEntry) {
        self.level = level
        self.entryAddress = entryAddress
        self.entry = entry
        self.updatedEntry = updatedEntry
    }

    /// Whether the walk wrote this entry back (set A or D).
    public var wasUpdated: Bool { entry != updatedEntry }
}

/// The entries a walk read, top level first (at most five: PML5E..PTE). Stored
/// inline so that a walk allocates nothing; the shadow MMU can use it the way KVM's
/// guest walker keeps the gPTE of every level.
public struct WalkPath: RandomAccessCollection, Sendable, Hashable {
    private var s0, s1, s2, s3, s4: WalkStep
    public private(set) var count: Int

    private static let empty = WalkStep(
        level: .pageTable, entryAddress: 0, entry: PageTableEntry(rawValue: 0),
        updatedEntry: PageTableEntry(rawValue: 0))

    public init() {
        s0 = Self.empty; s1 = Self.empty; s2 = Self.empty; s3 = Self.empty; s4 = Self.empty
        count = 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> WalkStep {
        get {
            precondition(position >= 0 && position < count, "WalkPath index out of range")
            switch position {
            case 0: return s0
            case 1: return s1
            case 2: return s2
            case 3: return s3
            default: return s4
            }
        }
        set {
            precondition(position >= 0 && position < count, "WalkPath index out of range")
            switch position {
            case 0: s0 = newValue
            case 1: s1 = newValue
            case 2: s2 = newValue
            case 3: s3 = newValue
            default: s4 = newValue
            }
        }
    }

    mutating func append(_ step: WalkStep) {
        precondition(count < 5, "a walk reads at most five entries")
        count += 1
        self[count - 1] = step
    }

    /// The step of `level`, if the walk reached it.
    public func step(at level: PagingLevel) -> WalkStep? {
        first { $0.level == level }
    }

    /// The A/D updates the walk made to guest memory.
    public var updates: [WalkStep] { filter(\.wasUpdated) }
}
