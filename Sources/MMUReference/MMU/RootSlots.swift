/// Which roots a kvm_mmu_free_roots call frees (KVM_MMU_ROOT_CURRENT = BIT(0),
/// KVM_MMU_ROOT_PREVIOUS(i) = BIT(1 + i), KVM_MMU_NUM_PREV_ROOTS = 3).
public enum RootsMask {
    public static let previousCount = 3
    public static let current: UInt32 = 1
    /// KVM_MMU_ROOT_PREVIOUS(i). `collide` models the bug of defining it as BIT(i), so that
    /// PREVIOUS(0) == CURRENT.
    @inline(__always) public static func previous(_ i: Int, collide: Bool = false) -> UInt32 {
        collide ? UInt32(1) << UInt32(i) : UInt32(1) << UInt32(1 + i)
    }
    public static let all: UInt32 = 0b1111
}

/// A root a vCPU's MMU context points at (struct kvm_mmu_root_info: hpa + pgd).
public struct CachedRoot: Sendable, Hashable {
    /// The page id, or -1 for INVALID_PAGE.
    public var page: Int
    /// The guest CR3 (or nested CR3) gfn the root was built for.
    public var pgd: UInt64
    public static let invalid = CachedRoot(page: -1, pgd: 0)
    @inline(__always) public var isValid: Bool { page >= 0 }
    public init(page: Int, pgd: UInt64) {
        self.page = page
        self.pgd = pgd
    }
}

/// One struct kvm_mmu: the current root and the previous-roots cache.
public struct MMUContext: Sendable, Hashable {
    public var root: CachedRoot = .invalid
    public var prev: [CachedRoot] = [CachedRoot](repeating: .invalid, count: RootsMask.previousCount)
    public init() {}

    /// Slot 0 is the current root, 1...3 are PREVIOUS(0...2).
    @inline(__always) public subscript(slot: Int) -> CachedRoot {
        get { slot == 0 ? root : prev[slot - 1] }
        set { if slot == 0 { root = newValue } else { prev[slot - 1] = newValue } }
    }
    public static let slotCount = 1 + RootsMask.previousCount
}

/// A cached translation in a vCPU's TLB (keyed by root and input page).
public struct TLBEntry: Sendable, Hashable {
    public var root: Int
    public var page: UInt64
    public var hfn: UInt64
    public var writable: Bool
}
