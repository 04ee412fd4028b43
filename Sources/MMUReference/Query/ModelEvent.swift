/// Where in the model's life a condition is evaluated: the point the kernel code holding
/// the condition runs at (rules/kvm-mmu-model.yml maps kernel functions to events).
public enum ModelEvent: String, Sendable, Hashable, CaseIterable {
    /// VM creation (kvm_arch_init_vm -> kvm_mmu_init_vm): the initial state only.
    case vmCreation = "vm-creation"
    /// A vCPU allocates its MMU root (kvm_mmu_load -> mmu_alloc_*_roots): evaluated for
    /// that vCPU right after an operation made its active root valid.
    case rootLoad = "root-load"
    /// Anywhere: every reachable state, for every vCPU.
    case anyState = "any-state"
}
