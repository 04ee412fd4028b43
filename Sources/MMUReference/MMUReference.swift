/// MMUReference: an executable reference model of KVM's x86 MMU (guest paging, the
/// direct/TDP MMU and the shadow MMU). Pure Swift; knows nothing about patches.
///
/// Map of the library:
/// - `Config/`     `VMConfiguration`: host (TDP, 4/5 levels, host page sizes), module
///                 parameters (value + run-time writability; `direct_mmu` snapshotted at VM
///                 creation), guest (paging, SMM, nested, vCPUs), and the direct MMU's
///                 `RootPolicy` (the seed's per-VM roots, or mainline's reference counting).
/// - `Host/`       memslots per address space (normal, SMM) and the memslot ioctls.
/// - `Guest/`      the small guest-paging abstraction (`GuestPageWalker`, 4-level,
///                 P/RW/US/NX/A/D/PS) the MMUs use; the full x86-64 walker in `Paging/` can
///                 conform to the same protocol.
/// - `MMU/`        pages and roles, SPTEs, the TDP MMU (`DirectMMU.swift`), the shadow MMU,
///                 roots (load, free_roots, the previous-roots cache), zaps, the fault path.
/// - `VM/`         `VM` (the whole state, a value type), `VCPU`, `Operation` (every step the
///                 model knows; `VM.apply`), `Actor` (who can cause a step), `Mutant`.
/// - `Invariants/` `InvariantName` (each names the kernel behaviour it mirrors) and
///                 `InvariantChecker` (`checkAll`, and the incremental `checkStep`).
/// - `Explore/`    the seeded `Explorer` with shrinking and replay, the text `Trace` format,
///                 the TDP-vs-shadow `DifferentialPair`, and `Explorer.findWitness` for
///                 "is this condition reachable, and by whom?" queries.
///
/// Typical use:
///
///     var vm = VM(configuration: VMConfiguration())
///     for op in OperationGenerator.setup(vm.configuration) { vm.apply(op) }
///     vm.apply(.access(vcpu: 0, page: 0x2, write: true, user: false, fetch: false))
///     assert(InvariantChecker.checkAll(vm) == nil)
public enum MMUReference {
    public static let version = "0.1.0"
}
