/// A memslot: a range of guest frames backed by a linear range of host frames
/// (struct kvm_memory_slot: base_gfn, npages, userspace_addr -> here a host frame number).
public struct Memslot: Sendable, Hashable {
    /// The slot id user space chose (KVM_SET_USER_MEMORY_REGION's slot).
    public var id: Int
    public var baseGfn: UInt64
    public var pageCount: UInt64
    /// Host frame backing baseGfn; frame of gfn g is baseHfn + (g - baseGfn).
    public var baseHfn: UInt64
    /// KVM_MEM_READONLY.
    public var readOnly: Bool
    /// KVM_MEM_LOG_DIRTY_PAGES.
    public var dirtyLogging: Bool
    /// The dirty bitmap (mark_page_dirty_in_slot); cleared by KVM_GET_DIRTY_LOG.
    public var dirtyGfns: Set<UInt64> = []

    public init(id: Int, baseGfn: UInt64, pageCount: UInt64, baseHfn: UInt64,
                readOnly: Bool = false, dirtyLogging: Bool = false) {
        self.id = id
        self.baseGfn = baseGfn
        self.pageCount = pageCount
        self.baseHfn = baseHfn
        self.readOnly = readOnly
        self.dirtyLogging = dirtyLogging
    }

    @inline(__always) public var endGfn: UInt64 { baseGfn &+ pageCount }
    @inline(__always) public func contains(_ gfn: UInt64) -> Bool { gfn >= baseGfn && gfn < endGfn }
    /// Whether [gfn, gfn + count) lies inside the slot.
    @inline(__always) public func contains(_ gfn: UInt64, count: UInt64) -> Bool {
        gfn >= baseGfn && gfn &+ count <= endGfn
    }
    @inline(__always) public func hfn(for gfn: UInt64) -> UInt64 { baseHfn &+ (gfn &- baseGfn) }
}

/// The memslots of one address space (struct kvm_memslots). Few slots: a linear scan is
/// faster than a tree here.
public struct MemslotSet: Sendable, Hashable {
    public private(set) var slots: [Memslot] = []
    public init() {}

    @inline(__always) public func index(containing gfn: UInt64) -> Int? {
        for i in slots.indices where slots[i].contains(gfn) { return i }
        return nil
    }
    @inline(__always) public func slot(containing gfn: UInt64) -> Memslot? {
        guard let i = index(containing: gfn) else { return nil }
        return slots[i]
    }
    public func index(ofID id: Int) -> Int? { slots.firstIndex { $0.id == id } }
    public var isEmpty: Bool { slots.isEmpty }

    /// Whether a slot could be added (no overlap, nonzero size, id unused);
    /// KVM rejects overlaps with -EEXIST.
    public func canAdd(_ slot: Memslot, ignoringID: Int? = nil) -> Bool {
        guard slot.pageCount > 0 else { return false }
        for s in slots where s.id != ignoringID {
            if s.id == slot.id { return false }
            if slot.baseGfn < s.endGfn && s.baseGfn < slot.endGfn { return false }
        }
        return true
    }
    public mutating func insert(_ slot: Memslot) { slots.append(slot) }
    public mutating func remove(at index: Int) { slots.remove(at: index) }
    public subscript(index: Int) -> Memslot {
        get { slots[index] }
        set { slots[index] = newValue }
    }
}
