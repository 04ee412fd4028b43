import MMUReference

/// Words a model witness as one line:
/// `host: tdp=off (kvm_intel.ept=0); kvm.enable_direct_mmu=1; create VM -> WARN fires`.
/// Only the configuration values the condition depends on are named, in the words of
/// rules/kvm-mmu-model.yml (`witness_terms`) and the parameters' declared names.
struct WitnessFormatter {
    var bindings: ModelBindings
    var modelParameters: [ModelVariable: DeclaredModuleParameter]
    var choices: [String: DeclaredModuleParameter]

    /// The configuration knobs behind each variable a condition reads.
    static func knobs(of v: ModelVariable) -> [ModelVariable] {
        switch v {
        case .vmDirectMMU: return [.hostTDP, .directMMUParameter]
        case .vmPureDirect: return [.hostTDP, .directMMUParameter, .guestNestedEnabled]
        case .vcpuShadowRootLevel: return [.hostTDPLevels, .hostTDP]
        case .vcpuSMM, .vcpuAddressSpace: return [.guestSMMEnabled]
        case .vcpuGuestMode: return [.guestNestedEnabled]
        case .vcpuHFlags: return [.guestSMMEnabled, .guestNestedEnabled]
        default: return [v]
        }
    }

    func line(_ w: ReachabilityWitness, expression: ModelExpression, site: SemanticSite) -> String {
        var knobs = Set(expression.variables.flatMap(Self.knobs))
        if w.cause == .hardware { knobs.insert(.hostTDPLevels) }
        let c = w.configuration
        func term(_ v: ModelVariable, _ value: Int) -> String {
            bindings.witnessTerms[v]?[value] ?? "\(v.rawValue)=\(value)"
        }
        var host: [String] = []
        if knobs.contains(.hostTDPLevels) { host.append(term(.hostTDPLevels, c.host.tdpLevels)) }
        if knobs.contains(.hostTDP) { host.append(term(.hostTDP, c.host.tdpEnabled ? 1 : 0)) }
        if knobs.contains(.hostMaxPageLevel) { host.append(term(.hostMaxPageLevel, c.host.maxHostPageLevel)) }
        var parts: [String] = []
        if !host.isEmpty { parts.append("host: " + host.joined(separator: ", ")) }
        if knobs.contains(.directMMUParameter) {
            parts.append("\(parameterName)=\(c.parameters.directMMU.value ? 1 : 0)")
        }
        if knobs.contains(.guestNestedEnabled) { parts.append(term(.guestNestedEnabled, c.guest.nested ? 1 : 0)) }
        if knobs.contains(.guestSMMEnabled) { parts.append(term(.guestSMMEnabled, c.guest.smm ? 1 : 0)) }
        if knobs.contains(.guestPaging) { parts.append(term(.guestPaging, c.guest.paging == .fourLevel ? 1 : 0)) }
        for (name, value) in w.choices.sorted(by: { $0.key < $1.key }) {
            parts.append("\(name)=\(value ? 1 : 0)")
        }
        var steps = ["create VM"]
        for op in w.operations {
            if case .writeDirectMMUParameter(let value) = op {
                steps.append("admin writes \(parameterName)=\(value ? 1 : 0) at run time")
            } else {
                steps.append(op.summary)
            }
        }
        parts.append(steps.joined(separator: "; "))
        var text = parts.joined(separator: "; ") + " -> \(site.family) fires"
        if w.cause == .kernel { text += " (needs kernel-internal operations)" }
        if let note = w.boundNote { text += " (\(note))" }
        return text
    }

    var parameterName: String {
        if let declared = modelParameters[.directMMUParameter] { return declared.displayName }
        return bindings.parameters.first { $0.model == .directMMUParameter }?.display ?? "direct_mmu"
    }
}
