/// Two VMs that differ only in tdp_enabled, driven by the same operations: one translates
/// guest-physical addresses with the TDP MMU after the guest walk, the other shadows the
/// guest's page tables. Host frames come from the same deterministic allocator, so every
/// access must end on the same host frame (or in the same guest fault or exit) in both:
/// guest-walk ∘ TDP == shadow for every address both can translate.
public struct DifferentialPair: Sendable {
    public var tdp: VM
    public var shadow: VM

    /// The shadow twin of a configuration: TDP off, everything else equal.
    public static func shadowTwin(of c: VMConfiguration) -> VMConfiguration {
        var twin = c
        twin.host.tdpEnabled = false
        return twin
    }

    public init(configuration: VMConfiguration, mutant: Mutant?) {
        var c = configuration
        c.host.tdpEnabled = true
        tdp = VM(configuration: c, mutant: mutant)
        shadow = VM(configuration: DifferentialPair.shadowTwin(of: c), mutant: mutant)
    }

    /// Apply to both; a differing access outcome is a violation. Mapped accesses compare
    /// host frames only: writability legitimately differs (the shadow MMU maps clean or
    /// write-tracked guest pages read-only).
    public mutating func apply(_ op: Operation) -> Violation? {
        let a = tdp.apply(op)
        let b = shadow.apply(op)
        return DifferentialPair.compare(a, b, op)
    }

    public static func compare(_ a: VM.AccessOutcome?, _ b: VM.AccessOutcome?, _ op: Operation) -> Violation? {
        switch (a, b) {
        case (nil, nil): return nil
        case let (.mapped(h1, _)?, .mapped(h2, _)?) where h1 == h2: return nil
        case let (.guestFault(c1)?, .guestFault(c2)?) where c1 == c2: return nil
        case (.exitToUserSpace?, .exitToUserSpace?): return nil
        default:
            return Violation(.tdpAndShadowTranslateAlike,
                             "\(Trace.format(op)): TDP MMU gives \(String(describing: a!)), shadow MMU gives \(String(describing: b!))")
        }
    }
}
