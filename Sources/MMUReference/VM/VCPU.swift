/// A vCPU as the MMU sees it.
public struct VCPU: Sendable {
    public let id: Int
    /// HF_SMM_MASK: selects address space 1 (kvm_arch_vcpu_memslots_id).
    public var smm: Bool = false
    /// is_guest_mode: running L2 on `guestMMU`.
    public var guestMode: Bool = false
    /// Guest CR3 (gfn of L1's root table).
    public var cr3: UInt64
    /// L1's root table for L2 (EPTP / nested CR3), a gfn in L1's memory.
    public var nestedCR3: UInt64
    /// CR0.WP.
    public var cr0WP: Bool = true
    /// vcpu->arch.root_mmu (L1) and guest_mmu (L2 with nested paging).
    public var rootMMU = MMUContext()
    public var guestMMU = MMUContext()
    /// Translations this vCPU may still use until the next TLB flush.
    public var tlb: [TLBEntry] = []

    public init(id: Int, cr3: UInt64, nestedCR3: UInt64) {
        self.id = id
        self.cr3 = cr3
        self.nestedCR3 = nestedCR3
    }

    /// vcpu->arch.mmu.
    @inline(__always) public var activeMMU: MMUContext {
        get { guestMode ? guestMMU : rootMMU }
        set { if guestMode { guestMMU = newValue } else { rootMMU = newValue } }
    }
    @inline(__always) public var addressSpace: Int { smm ? 1 : 0 }
}
