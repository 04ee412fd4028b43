/// The combined access rights of a translation (SDM vol. 3, 4.6: "the access
/// rights ... are determined by all the paging-structure entries").
public struct EffectivePermissions: Sendable, Hashable {
    /// R/W = 1 in every entry of the walk.
    public var writable: Bool
    /// U/S = 1 in every entry: the address is a user-mode address.
    public var user: Bool
    /// XD = 1 in some entry and EFER.NXE = 1.
    public var executeDisable: Bool
    /// The leaf's protection key (0 when CR4.PKE is clear, SDM 4.6.2).
    public var protectionKey: Int

    public init(writable: Bool, user: Bool, executeDisable: Bool, protectionKey: Int) {
        self.writable = writable
        self.user = user
        self.executeDisable = executeDisable
        self.protectionKey = protectionKey
    }
}

/// A successful walk.
public struct Translation: Sendable, Hashable {
    public var physicalAddress: UInt64
    public var pageSize: PageSize
    public var permissions: EffectivePermissions
    /// Every entry read, with its A/D update.
    public var path: WalkPath

    public init(physicalAddress: UInt64, pageSize: PageSize, permissions: EffectivePermissions, path: WalkPath) {
        self.physicalAddress = physicalAddress
        self.pageSize = pageSize
        self.permissions = permissions
        self.path = path
    }

    /// The physical address of the page (the leaf's frame).
    public var pageFrame: UInt64 { physicalAddress & ~pageSize.offsetMask }
}

/// A walk that raised #PF.
public struct PageFault: Sendable, Hashable {
    public var errorCode: PageFaultErrorCode
    /// The faulting linear address (what CR2 would hold).
    public var address: UInt64
    /// The level whose entry was not present or had a reserved bit; the leaf's level
    /// for a protection violation.
    public var level: PagingLevel
    /// The entries read before the fault, with the A/D updates the walk still made.
    public var path: WalkPath

    public init(errorCode: PageFaultErrorCode, address: UInt64, level: PagingLevel, path: WalkPath) {
        self.errorCode = errorCode
        self.address = address
        self.level = level
        self.path = path
    }
}

/// The outcome of one access.
public enum WalkResult: Sendable, Hashable {
    case translated(Translation)
    case pageFault(PageFault)
    /// The address is not canonical: the CPU raises #GP (or #SS) before walking.
    case nonCanonical

    public var translation: Translation? {
        if case .translated(let t) = self { return t }
        return nil
    }

    public var pageFault: PageFault? {
        if case .pageFault(let f) = self { return f }
        return nil
    }

    /// The entries read (empty for a non-canonical address).
    public var path: WalkPath {
        switch self {
        case .translated(let t): t.path
        case .pageFault(let f): f.path
        case .nonCanonical: WalkPath()
        }
    }
}
