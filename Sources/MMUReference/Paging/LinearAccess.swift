/// One access to a linear address, described the way the SDM's access-rights rules
/// (vol. 3, 4.6) and the page-fault error code (4.7) classify it.
public struct LinearAccess: Sendable, Hashable {
    /// Who performs the access (SDM 4.6: "supervisor-mode" vs "user-mode" accesses).
    public enum Privilege: Sendable, Hashable {
        /// CPL = 3, an ordinary access.
        case user
        /// CPL < 3, an explicit access; `alignmentCheck` is EFLAGS.AC, which lets
        /// SMAP allow data accesses to user-mode addresses.
        case supervisor(alignmentCheck: Bool)
        /// An implicit supervisor-mode access (descriptor tables, the TSS, ... at any
        /// CPL): always supervisor, and SMAP forbids it on user-mode addresses regardless of AC.
        case implicitSupervisor

        public static let supervisor = Privilege.supervisor(alignmentCheck: false)

        public var isUser: Bool { self == .user }
    }

    /// What the access does, shaped like the W/R and I/D bits of the error code.
    /// The empty set is a data read. `.write` and `.instructionFetch` together is
    /// not a real x86 access; the walker then applies both the write and the fetch
    /// rules (as KVM's permission bitmap does for such an error code), and the
    /// access counts as a fetch, not a data access, for SMAP and protection keys.
    public struct Intent: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let read: Intent = []
        public static let write = Intent(rawValue: 1 << 0)
        public static let instructionFetch = Intent(rawValue: 1 << 1)
    }

    public var address: UInt64
    public var intent: Intent
    public var privilege: Privilege

    public init(address: UInt64, intent: Intent, privilege: Privilege) {
        self.address = address
        self.intent = intent
        self.privilege = privilege
    }

    public var isWrite: Bool { intent.contains(.write) }
    public var isFetch: Bool { intent.contains(.instructionFetch) }
    /// A data access (read or write, not an instruction fetch): the kind SMAP and
    /// protection keys apply to.
    public var isDataAccess: Bool { !isFetch }
}
