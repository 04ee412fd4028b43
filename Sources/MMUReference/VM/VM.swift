/// The whole model state of one VM: configuration, memslots, guest memory, both MMUs'
/// pages, vCPUs. A value type: copying a VM snapshots it.
///
/// Public API for queries: create with `VM(configuration:mutant:)`, drive it with
/// `apply(_ op: Operation)`, inspect the public state, check it with
/// `InvariantChecker.checkAll(self)`.
public struct VM: Sendable {
    public let configuration: VMConfiguration
    public let mutant: Mutant?
    /// The module parameters as they are now (user space may write writable ones).
    public var parameters: ModuleParameters
    /// kvm->arch.direct_mmu_enabled (seed) / tdp_mmu_enabled: snapshotted at creation.
    public let tdpMMUEnabled: Bool
    /// The seed WARNed at creation (direct_mmu set without TDP): a user-triggerable WARN.
    public let warnedAtCreation: Bool
    /// kvm->arch.pure_direct_mmu: only the direct MMU's paging structures are in use.
    public var pureDirect: Bool
    /// Ghost: an indirect (shadow) root was ever allocated in this VM.
    public var shadowRootEverAllocated = false

    /// Memslots of address space 0 (normal) and 1 (SMM).
    public var memslots: [MemslotSet] = [MemslotSet(), MemslotSet()]
    public var memory = GuestMemory()
    /// Next free host frame for new memslots (host memory is never aliased between slots).
    public var nextHostFrame: UInt64 = 1 << 20

    /// Both MMUs' pages, by id.
    public var pages: [MMUPage] = []
    /// kvm->arch.mmu_page_hash: shadow pages by gfn (valid and invalid, not freed).
    public var pageHash: [UInt64: [Int]] = [:]
    /// kvm->arch.tdp_mmu_roots (refcounted policy).
    public var tdpRoots: [Int] = []
    /// kvm->arch.direct_root_hpa[as] (seed policy), -1 when absent.
    public var seedRoots: [Int] = [-1, -1]
    /// Write-tracked gfns per address space (kvm_page_track / gfn_write_track counts).
    public var writeTracked: [[UInt64: Int]] = [[:], [:]]

    public var vcpus: [VCPU] = []
    /// A remote TLB flush is owed (kvm_flush_remote_tlbs not yet done).
    public var pendingFlush = false

    /// Bookkeeping for incremental invariant checks: pages changed in this step, and
    /// whether the step changed something only a full check sees.
    public var touched: [Int] = []
    public var needsFullCheck = false
    /// Violations detected while a step ran (transition and contract properties).
    public var stepViolations: [Violation] = []

    /// The guest page walker the MMUs consult (the small one unless another is plugged in).
    public let walker: any GuestPageWalker
    /// What this VM's run exercised.
    public var stats = ModelStats()

    public init(configuration: VMConfiguration, mutant: Mutant? = nil,
                walker: any GuestPageWalker = SmallGuestWalker()) {
        self.configuration = configuration
        self.walker = walker
        self.mutant = mutant
        self.parameters = configuration.parameters
        self.tdpMMUEnabled = configuration.directMMUAtCreation
        self.warnedAtCreation = configuration.seedWarnsAtCreation
        self.pureDirect = tdpMMUEnabled
        for i in 0..<max(1, configuration.guest.vcpuCount) {
            vcpus.append(VCPU(id: i, cr3: GuestLayout.cr3Roots[0], nestedCR3: GuestLayout.nestedRoot))
        }
        // The seed's kvm_mmu_init_direct_mmu: roots for every address space, for the VM's life.
        if tdpMMUEnabled && configuration.rootPolicy == .perVMSeed {
            for asID in 0..<2 {
                let id = allocPage(isTDP: true, role: tdpRootRole(addressSpace: asID, guestMode: false), gfn: 0)
                pages[id].isRoot = true
                pages[id].isSeedDirectRoot = true
                seedRoots[asID] = id
            }
        }
    }

    @inline(__always) func has(_ m: Mutant) -> Bool { mutant == m }

    // MARK: page arena

    /// Allocate an MMU page (kvm_mmu_alloc_shadow_page / tdp_mmu_alloc_sp).
    mutating func allocPage(isTDP: Bool, role: PageRole, gfn: UInt64) -> Int {
        let id = pages.count
        pages.append(MMUPage(id: id, isTDP: isTDP, role: role, gfn: gfn))
        if isTDP { stats.tdpPagesAllocated += 1 } else { stats.shadowPagesAllocated += 1 }
        touched.append(id)
        if !isTDP {
            pageHash[gfn, default: []].append(id)
            if !role.direct { accountShadowed(addressSpace: role.addressSpace, gfn: gfn) }
        }
        return id
    }

    /// Return a page to the allocator (kvm_mmu_free_shadow_page / tdp_mmu_free_sp).
    mutating func freePage(_ id: Int) {
        precondition(!pages[id].freed, "double free of MMU page \(id)")
        if !pages[id].isTDP {
            if !pages[id].invalid && !pages[id].role.direct {
                unaccountShadowed(addressSpace: pages[id].role.addressSpace, gfn: pages[id].gfn)
            }
            pageHash[pages[id].gfn]?.removeAll { $0 == id }
            if pageHash[pages[id].gfn]?.isEmpty == true { pageHash[pages[id].gfn] = nil }
        }
        pages[id].freed = true
        pages[id].entries = [:]
        touched.append(id)
    }

    @inline(__always) mutating func setEntry(_ page: Int, _ index: Int, _ spte: SPTE?) {
        pages[page].entries[UInt16(index)] = spte
        touched.append(page)
    }

    // MARK: write tracking (kvm_page_track, account_shadowed / unaccount_shadowed)

    /// account_shadowed: the guest table at `gfn` is shadowed; write-protect every mapping
    /// of it (kvm_mmu_slot_gfn_write_protect, covering the TDP MMU too) so guest writes trap.
    mutating func accountShadowed(addressSpace asID: Int, gfn: UInt64) {
        writeTracked[asID][gfn, default: 0] += 1
        needsFullCheck = true
        if has(.shadowPageNotWriteProtected) { return }
        writeProtect(addressSpace: asID, from: gfn, to: gfn &+ 1, clearMMUWritable: true)
    }

    mutating func unaccountShadowed(addressSpace asID: Int, gfn: UInt64) {
        guard let n = writeTracked[asID][gfn] else { return }
        writeTracked[asID][gfn] = n > 1 ? n - 1 : nil
    }

    /// Whether any gfn of [gfn, gfn + count) is write-tracked in the address space.
    @inline(__always) func isWriteTracked(addressSpace asID: Int, gfn: UInt64, count: UInt64) -> Bool {
        let tracked = writeTracked[asID]
        if tracked.isEmpty { return false }
        if count == 1 { return tracked[gfn] != nil }
        for g in tracked.keys where g >= gfn && g < gfn &+ count { return true }
        return false
    }

    /// Clear the writable bit (and with `clearMMUWritable` the MMU-writable bit) of every
    /// leaf in the address space mapping a gfn in [from, to): rmap_write_protect /
    /// kvm_tdp_mmu_wrprot_slot / kvm_mmu_slot_remove_write_access.
    mutating func writeProtect(addressSpace asID: Int, from: UInt64, to: UInt64, clearMMUWritable: Bool) {
        var changed = false
        for id in pages.indices where !pages[id].freed && pages[id].role.addressSpace == asID {
            let span = pages[id].entrySpan
            for (idx, e) in pages[id].entries where e.isLeaf {
                guard e.gfn < to && from < e.gfn &+ span else { continue }
                if e.writable || (clearMMUWritable && e.mmuWritable) {
                    var n = e
                    n.writable = false
                    if clearMMUWritable { n.mmuWritable = false }
                    pages[id].entries[idx] = n
                    touched.append(id)
                    changed = true
                }
            }
        }
        if changed { requestFlush(fromZap: false) }
    }

    // MARK: TLB flush bookkeeping

    /// Note that a remote TLB flush is owed. A zap is not complete until the flush.
    @inline(__always) mutating func requestFlush(fromZap: Bool) {
        if fromZap && has(.zapWithoutTLBFlush) { return }
        pendingFlush = true
    }

    /// kvm_flush_remote_tlbs: every vCPU drops its cached translations.
    mutating func commitFlush() {
        guard pendingFlush else { return }
        for i in vcpus.indices where !vcpus[i].tlb.isEmpty { vcpus[i].tlb.removeAll(keepingCapacity: true) }
        stats.tlbFlushes += 1
        pendingFlush = false
    }

    // MARK: lookups

    /// Follow `root` for an input page (gfn for direct roots, linear page for shadow roots):
    /// the leaf and the host frame of the page, or nil.
    @inline(__always)
    public func translate(root: Int, page input: UInt64) -> (leaf: SPTE, hfn: UInt64)? {
        var id = root
        while true {
            let p = pages[id]
            if p.freed { return nil }
            let level = Int(p.role.level)
            guard let e = p.entries[UInt16(PageLevel.index(input, level))] else { return nil }
            if e.isLeaf { return (e, e.hfn &+ (input & (PageLevel.span(level) &- 1))) }
            id = Int(e.child)
        }
    }
}
