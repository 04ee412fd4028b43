extension Operation {
    /// A short English phrase for witnesses: what the VMM, the guest, the admin or the
    /// kernel does, e.g. "vCPU 0 touches guest page 0x0 (loads its MMU root)".
    public var summary: String {
        switch self {
        case let .addMemslot(asID, id, gfn, pages, _, readOnly, log):
            return "VMM adds memslot \(id) (as \(asID), gfn \(hex(gfn)) + \(hex(pages))\(readOnly ? ", read-only" : "")\(log ? ", dirty logging" : ""))"
        case let .deleteMemslot(asID, id): return "VMM deletes memslot \(id) (as \(asID))"
        case let .moveMemslot(asID, id, gfn): return "VMM moves memslot \(id) (as \(asID)) to gfn \(hex(gfn))"
        case let .setDirtyLogging(asID, id, on): return "VMM turns dirty logging \(on ? "on" : "off") for memslot \(id) (as \(asID))"
        case let .getDirtyLog(asID, id): return "VMM reads the dirty log of memslot \(id) (as \(asID))"
        case let .writeGuestPTE(table, index, pte):
            return "guest \(pte == nil ? "clears" : "writes") PTE \(index) of its table at gfn \(hex(table))"
        case let .access(v, page, write, _, _):
            return "vCPU \(v) \(write ? "writes" : "touches") guest page \(hex(page)) (loads its MMU root)"
        case let .enterSMM(v): return "vCPU \(v) enters SMM"
        case let .exitSMM(v): return "vCPU \(v) leaves SMM (RSM)"
        case let .enterNested(v): return "vCPU \(v) enters L2 (nested)"
        case let .exitNested(v): return "vCPU \(v) exits L2 to L1"
        case let .setCR3(v, gfn): return "vCPU \(v) loads CR3 = gfn \(hex(gfn))"
        case let .setNestedCR3(v, gfn): return "L1 on vCPU \(v) points L2's root at gfn \(hex(gfn))"
        case let .setCR0WP(v, on): return "vCPU \(v) \(on ? "sets" : "clears") CR0.WP"
        case let .freeRoots(v, slots): return "kernel frees roots of vCPU \(v) (mask \(slots))"
        case let .zapGfnRange(gfn, pages): return "kernel zaps gfn \(hex(gfn)) + \(hex(pages))"
        case .zapAll: return "kernel zaps all (kvm_mmu_zap_all_fast)"
        case let .writeDirectMMUParameter(value): return "admin writes the direct-MMU parameter = \(value ? 1 : 0) at run time"
        }
    }
}
