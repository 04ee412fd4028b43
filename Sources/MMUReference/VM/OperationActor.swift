/// Who can make an operation happen. Queries of the form "can user space alone make this
/// condition true?" restrict the explorer to some actors.
public enum Actor: String, Sendable, CaseIterable, Hashable {
    /// The unprivileged VMM and the guest it runs (KVM ioctls, guest instructions).
    case userSpace = "user-space"
    /// The host administrator: writes of run-time-writable module parameters (0644 under
    /// /sys/module). The seed review counts these as "user-induced" too.
    case hostAdmin = "host-admin"
    /// Decisions taken inside the kernel (memory pressure, internal zaps and root frees).
    case kernel
}

extension Operation {
    /// The actor that causes this operation.
    public var actor: Actor {
        switch self {
        case .writeDirectMMUParameter: return .hostAdmin
        case .zapAll, .zapGfnRange, .freeRoots: return .kernel
        case .addMemslot, .deleteMemslot, .moveMemslot, .setDirtyLogging, .getDirtyLog, .writeGuestPTE, .access,
             .enterSMM, .exitSMM, .enterNested, .exitNested, .setCR3, .setNestedCR3, .setCR0WP:
            return .userSpace
        }
    }
}
