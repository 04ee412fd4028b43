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
/// Deliberate simplifications (each conservative: it removes behaviour, never allows more):
/// - Guest paging is the small 4-level model (no reserved bits, SMEP/SMAP, PKE, PAE or
///   32-bit paging); SMM runs with paging off; L1's nested tables use the same format.
/// - No unsync shadow pages: a shadowed guest table stays write-protected and every write
///   to it is emulated (kvm_mmu_track_write zaps the affected SPTE).
/// - No MMIO SPTEs, no access tracking, no NX huge pages, no PML; huge-page splitting and
///   collapsing are modelled as zaps; TDP MMU zaps of invalidated roots are synchronous.
/// - With TDP, the guest walk reads its tables directly: the walk's own accesses do not
///   fault into the TDP MMU (only the final guest frame does).
/// - The TLB is a small per-vCPU cache of the last translations, tagged by root; every
///   remote flush empties all of them.
/// - A read fault on a writable slot maps the page writable (as make_spte does when the
///   host page is writable) and therefore marks it dirty under dirty logging.
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
