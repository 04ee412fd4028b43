/// The configuration space the model runs in, kept as plain data so that later
/// queries ("can this be true in a reachable state, and can user space alone make it
/// so?") can enumerate or sample it.

/// How long the direct (TDP) MMU keeps its roots.
public enum RootPolicy: String, Sendable, CaseIterable, Hashable {
    /// The seed patch (2019, "direct MMU"): `kvm->arch.direct_root_hpa[KVM_ADDRESS_SPACE_NUM]`,
    /// one root per address space allocated in kvm_mmu_init_direct_mmu at VM creation and
    /// kept for the life of the VM; kvm_mmu_free_roots only forgets the vCPU's pointer.
    case perVMSeed = "seed"
    /// Mainline tdp_mmu.c: kvm_tdp_mmu_get_vcpu_root_hpa finds a valid root with the
    /// vCPU's role or allocates one holding two references (one for the MMU's root list,
    /// one for the vCPU slot); kvm_tdp_mmu_put_root frees it when the count drops to zero,
    /// which only happens once kvm_tdp_mmu_invalidate_all_roots dropped the list's reference.
    case refcounted = "refcounted"
}

/// What the host offers (fixed when kvm.ko / kvm-intel.ko is loaded).
public struct HostConfiguration: Sendable, Hashable {
    /// tdp_enabled (EPT/NPT). Without it every guest runs on the shadow MMU.
    public var tdpEnabled: Bool
    /// 4 or 5: the TDP page-table depth (kvm_mmu_get_tdp_level; 5 on LA57/5-level EPT hosts).
    public var tdpLevels: Int
    /// Largest host mapping level that backs guest memory: 1 = 4K only, 2 = 2M, 3 = 1G
    /// (host_pfn_mapping_level, the cap used by kvm_mmu_hugepage_adjust).
    public var maxHostPageLevel: Int

    public init(tdpEnabled: Bool = true, tdpLevels: Int = 4, maxHostPageLevel: Int = 2) {
        self.tdpEnabled = tdpEnabled
        self.tdpLevels = tdpLevels
        self.maxHostPageLevel = maxHostPageLevel
    }
}

/// A module parameter: its value and whether it can be written at run time
/// (permissions 0644 vs 0444 in module_param*).
public struct ModuleParameter: Sendable, Hashable {
    public var value: Bool
    public var writableAtRuntime: Bool
    public init(value: Bool, writableAtRuntime: Bool) {
        self.value = value
        self.writableAtRuntime = writableAtRuntime
    }
}

/// The module parameters the model reads.
public struct ModuleParameters: Sendable, Hashable {
    /// The seed's `direct_mmu` (there `enable_direct_mmu`, S_IRUGO | S_IWUSR, i.e. 0644).
    /// READ_ONCE'd into `kvm->arch.direct_mmu_enabled` at VM creation.
    public var directMMU: ModuleParameter
    public init(directMMU: ModuleParameter = ModuleParameter(value: true, writableAtRuntime: true)) {
        self.directMMU = directMMU
    }
}

/// Guest paging as the model knows it.
public enum GuestPagingMode: String, Sendable, CaseIterable, Hashable {
    /// CR0.PG = 0: linear = physical; a shadow MMU then uses direct-role shadow pages.
    case off
    /// 4-level paging (the small walker in Guest/). 5-level guests need the full walker.
    case fourLevel = "4"
}

/// What the guest (and the VMM creating it) uses.
public struct GuestConfiguration: Sendable, Hashable {
    public var paging: GuestPagingMode
    /// Whether the VMM enables SMM (a second address space, KVM_ADDRESS_SPACE_NUM = 2).
    public var smm: Bool
    /// Whether L1 may run L2 guests (nested VMX/SVM).
    public var nested: Bool
    public var vcpuCount: Int
    public init(paging: GuestPagingMode = .fourLevel, smm: Bool = true, nested: Bool = true, vcpuCount: Int = 2) {
        self.paging = paging
        self.smm = smm
        self.nested = nested
        self.vcpuCount = vcpuCount
    }
}

/// One point of the configuration space.
public struct VMConfiguration: Sendable, Hashable {
    public var host: HostConfiguration
    public var parameters: ModuleParameters
    public var guest: GuestConfiguration
    public var rootPolicy: RootPolicy

    public init(host: HostConfiguration = HostConfiguration(),
                parameters: ModuleParameters = ModuleParameters(),
                guest: GuestConfiguration = GuestConfiguration(),
                rootPolicy: RootPolicy = .refcounted) {
        self.host = host
        self.parameters = parameters
        self.guest = guest
        self.rootPolicy = rootPolicy
    }

    /// Whether a VM created now runs the direct (TDP) MMU: the seed's is_direct_mmu_enabled()
    /// (parameter set and TDP available), snapshotted once at creation.
    public var directMMUAtCreation: Bool {
        parameters.directMMU.value && host.tdpEnabled
    }

    /// The seed's is_direct_mmu_enabled() WARNs when the parameter is set without TDP:
    /// a condition user space alone reaches (load with tdp off, write the 0644 parameter).
    public var seedWarnsAtCreation: Bool {
        parameters.directMMU.value && !host.tdpEnabled
    }
}
