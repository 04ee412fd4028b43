extension ModelVariable {
    /// Every value the variable can take in any state reachable from `c` by `actors`: an
    /// over-approximation read off the model's transitions (each listed value is possible
    /// or harmlessly extra). Used to prove a configuration cannot satisfy a condition
    /// without exploring its states.
    public func possibleValues(in c: VMConfiguration, actors: Set<Actor>) -> [Int] {
        let smm = c.guest.smm, nested = c.guest.nested
        switch self {
        case .hostTDP: return [c.host.tdpEnabled ? 1 : 0]
        case .hostTDPLevels: return [c.host.tdpLevels]
        case .hostMaxPageLevel: return [c.host.maxHostPageLevel]
        case .guestSMMEnabled: return [smm ? 1 : 0]
        case .guestNestedEnabled: return [nested ? 1 : 0]
        case .guestPaging: return [c.guest.paging == .fourLevel ? 1 : 0]
        case .vmDirectMMU: return [c.directMMUAtCreation ? 1 : 0]
        case .directMMUParameter:
            // Only writeDirectMMUParameter (the admin, when 0644) changes it.
            if c.parameters.directMMU.writableAtRuntime && actors.contains(.hostAdmin) { return [0, 1] }
            return [c.parameters.directMMU.value ? 1 : 0]
        case .vmPureDirect:
            // Starts as the snapshot and is only ever cleared (mmu_alloc_shadow_roots).
            return c.directMMUAtCreation ? [0, 1] : [0]
        case .vcpuSMM, .vcpuAddressSpace: return smm ? [0, 1] : [0]
        case .vcpuGuestMode: return nested ? [0, 1] : [0]
        case .vcpuHFlags:
            // SMI leaves guest mode and VMLAUNCH is refused in SMM: never both bits.
            return [0] + (nested ? [1 << 5] : []) + (smm ? [1 << 6] : [])
        case .vcpuShadowRootLevel:
            // L1 on TDP: the TDP level; L2 and shadow paging: 4-level shadow roots.
            if c.host.tdpEnabled {
                let tdpLevel = VM(configuration: c).directRootLevel
                return nested ? Array(Set([tdpLevel, 4])).sorted() : [tdpLevel]
            }
            return [4]
        }
    }
}

/// The modes a vCPU can be in, as the per-vCPU variables see them: L1, L1 in SMM (when
/// the VM has SMM), L2 (when nested is on). An SMI leaves L2 first and VMLAUNCH is
/// refused in SMM, so SMM and guest mode never combine.
struct VCPUMode: Hashable {
    var smm: Bool
    var guestMode: Bool

    static func all(in c: VMConfiguration) -> [VCPUMode] {
        [VCPUMode(smm: false, guestMode: false)]
            + (c.guest.smm ? [VCPUMode(smm: true, guestMode: false)] : [])
            + (c.guest.nested ? [VCPUMode(smm: false, guestMode: true)] : [])
    }

    /// The per-vCPU variable's value in this mode (mirrors ModelVariable.value).
    func value(of v: ModelVariable, in c: VMConfiguration) -> Int? {
        switch v {
        case .vcpuSMM, .vcpuAddressSpace: return smm ? 1 : 0
        case .vcpuGuestMode: return guestMode ? 1 : 0
        case .vcpuHFlags: return (guestMode ? 1 << 5 : 0) | (smm ? 1 << 6 : 0)
        case .vcpuShadowRootLevel:
            return !guestMode && c.host.tdpEnabled ? VM(configuration: c).directRootLevel : 4
        default: return nil
        }
    }
}

extension ModelExpression {
    /// Whether some combination of possible values makes the condition true: each
    /// VM-level variable ranges over its `possibleValues`, the per-vCPU ones follow one
    /// `VCPUMode` together, and every user choice is tried. False proves the
    /// configuration never satisfies the condition.
    public func mayHold(in c: VMConfiguration, actors: Set<Actor>) -> Bool {
        let all = Array(variables)
        let vmVars = all.filter { !$0.isPerVCPU }
        let vcpuVars = all.filter(\.isPerVCPU)
        let domains = vmVars.map { $0.possibleValues(in: c, actors: actors) }
        let names = choices
        let modes = vcpuVars.isEmpty ? [VCPUMode(smm: false, guestMode: false)] : VCPUMode.all(in: c)
        var assignment = [ModelVariable: Int]()
        func search(_ i: Int) -> Bool {
            if i == vmVars.count {
                for mode in modes {
                    for v in vcpuVars { assignment[v] = mode.value(of: v, in: c) }
                    if ChoiceAssignments.all(names).contains(where: { evaluate({ assignment[$0] ?? 0 }, choices: $0) != 0 }) { return true }
                }
                return false
            }
            for value in domains[i] {
                assignment[vmVars[i]] = value
                if search(i + 1) { return true }
            }
            return false
        }
        return search(0)
    }
}

/// Every assignment of a few boolean user choices.
enum ChoiceAssignments {
    static func all(_ names: [String]) -> [[String: Bool]] {
        var out: [[String: Bool]] = [[:]]
        for name in names {
            out = out.flatMap { partial in [false, true].map { value in
                var next = partial
                next[name] = value
                return next
            } }
        }
        return out
    }
}
