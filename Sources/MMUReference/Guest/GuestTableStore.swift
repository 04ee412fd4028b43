/// Guest page tables as stored in host memory: host frame -> entries (absent = 0).
/// Keyed by host frame so that a memslot move carries the tables with it, as moving
/// userspace_addr-backed memory does.
public struct GuestMemory: Sendable {
    public var tables: [UInt64: [UInt16: GuestPTE]] = [:]
    public init() {}

    @inline(__always) public func entry(hfn: UInt64, index: Int) -> GuestPTE? {
        tables[hfn]?[UInt16(index)]
    }
    public mutating func write(hfn: UInt64, index: Int, _ pte: GuestPTE?) {
        tables[hfn, default: [:]][UInt16(index)] = pte
    }
}

/// Reads guest tables through one address space's memslots (kvm_vcpu_read_guest).
public struct MemslotTableReader: GuestPageTableReader {
    public let slots: MemslotSet
    public let memory: GuestMemory
    public init(slots: MemslotSet, memory: GuestMemory) {
        self.slots = slots
        self.memory = memory
    }
    @inline(__always) public func readPTE(tableGfn: UInt64, index: Int) -> GuestPTE? {
        guard let slot = slots.slot(containing: tableGfn) else { return nil }
        return memory.entry(hfn: slot.hfn(for: tableGfn), index: index) ?? GuestPTE(present: false, frame: 0)
    }
}
