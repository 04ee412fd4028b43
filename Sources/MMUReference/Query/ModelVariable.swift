/// A quantity of the model a kernel condition can be bound to (rules/kvm-mmu-model.yml
/// names them by `rawValue`). Each is read from a `VM` (and, for per-vCPU ones, a vCPU).
public enum ModelVariable: String, Sendable, CaseIterable, Hashable {
    /// tdp_enabled: EPT/NPT in use (kvm_configure_mmu). Chosen at load time (kvm_intel.ept).
    case hostTDP = "host.tdp"
    /// kvm_mmu_get_tdp_level / max_tdp_level: 4, or 5 on LA57 hosts. A hardware fact.
    case hostTDPLevels = "host.tdp_levels"
    /// host_pfn_mapping_level's cap: how user space backs guest memory (4K, 2M, 1G).
    case hostMaxPageLevel = "host.max_page_level"
    /// The direct-MMU module parameter as it is now (READ_ONCE of the variable).
    case directMMUParameter = "param.direct_mmu"
    /// kvm->arch.direct_mmu_enabled / tdp_mmu_enabled: the per-VM snapshot at creation.
    case vmDirectMMU = "vm.direct_mmu"
    /// kvm->arch.pure_direct_mmu.
    case vmPureDirect = "vm.pure_direct"
    /// The VMM gave the VM an SMM address space (KVM_CAP_X86_SMM).
    case guestSMMEnabled = "guest.smm"
    /// L1 may run L2 (kvm_intel.nested / kvm_amd.nested).
    case guestNestedEnabled = "guest.nested"
    /// The guest runs with paging on (CR0.PG).
    case guestPaging = "guest.paging"
    /// is_smm(vcpu): HF_SMM_MASK in vcpu->arch.hflags.
    case vcpuSMM = "vcpu.smm"
    /// is_guest_mode(vcpu): HF_GUEST_MASK.
    case vcpuGuestMode = "vcpu.guest_mode"
    /// vcpu->arch.hflags restricted to HF_GUEST_MASK (1 << 5) and HF_SMM_MASK (1 << 6).
    case vcpuHFlags = "vcpu.hflags"
    /// kvm_arch_vcpu_memslots_id: 1 in SMM, else 0.
    case vcpuAddressSpace = "vcpu.address_space"
    /// vcpu->arch.mmu->shadow_root_level: the depth of the root the active context uses.
    case vcpuShadowRootLevel = "vcpu.shadow_root_level"

    /// Fixed for the life of a VM: true for host, guest-configuration and snapshot values.
    /// A condition reading only these is decided by the configuration alone.
    public var isStatic: Bool {
        switch self {
        case .hostTDP, .hostTDPLevels, .hostMaxPageLevel, .vmDirectMMU,
             .guestSMMEnabled, .guestNestedEnabled, .guestPaging:
            return true
        case .directMMUParameter, .vmPureDirect, .vcpuSMM, .vcpuGuestMode, .vcpuHFlags,
             .vcpuAddressSpace, .vcpuShadowRootLevel:
            return false
        }
    }

    /// Read per vCPU: the condition holds in a state when it holds for some vCPU.
    public var isPerVCPU: Bool { rawValue.hasPrefix("vcpu.") }

    /// The value in `vm` for vCPU `v` (C truth values: 0 or 1 for flags).
    public func value(in vm: VM, vcpu v: Int) -> Int {
        let c = vm.configuration
        let cpu = vm.vcpus[min(v, vm.vcpus.count - 1)]
        switch self {
        case .hostTDP: return c.host.tdpEnabled ? 1 : 0
        case .hostTDPLevels: return c.host.tdpLevels
        case .hostMaxPageLevel: return c.host.maxHostPageLevel
        case .directMMUParameter: return vm.parameters.directMMU.value ? 1 : 0
        case .vmDirectMMU: return vm.tdpMMUEnabled ? 1 : 0
        case .vmPureDirect: return vm.pureDirect ? 1 : 0
        case .guestSMMEnabled: return c.guest.smm ? 1 : 0
        case .guestNestedEnabled: return c.guest.nested ? 1 : 0
        case .guestPaging: return c.guest.paging == .fourLevel ? 1 : 0
        case .vcpuSMM: return cpu.smm ? 1 : 0
        case .vcpuGuestMode: return cpu.guestMode ? 1 : 0
        case .vcpuHFlags: return (cpu.guestMode ? 1 << 5 : 0) | (cpu.smm ? 1 << 6 : 0)
        case .vcpuAddressSpace: return cpu.addressSpace
        case .vcpuShadowRootLevel: return vm.shadowRootLevel(vcpu: min(v, vm.vcpus.count - 1))
        }
    }
}

extension VM {
    /// The level of the root the vCPU's active context allocates (mmu->shadow_root_level):
    /// the TDP level for L1 on a TDP host (kvm_init_tdp_mmu), 4 for shadow roots (L2's
    /// nested tables and 4-level guests) and for direct roots of non-paging guests.
    public func shadowRootLevel(vcpu v: Int) -> Int {
        if !vcpus[v].guestMode && configuration.host.tdpEnabled { return directRootLevel }
        return 4
    }
}
