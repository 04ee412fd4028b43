@testable import MMUReference

/// A VM with the explorer's standard setup (memslot 0 of 1024 pages at gfn 0 in each
/// address space, and the guest tables of `OperationGenerator.setup`).
func standardVM(tdp: Bool = true, tdpLevels: Int = 4, maxHostPageLevel: Int = 2, directMMU: Bool = true,
                writableParameter: Bool = true, policy: RootPolicy = .refcounted, paging: GuestPagingMode = .fourLevel,
                smm: Bool = true, nested: Bool = true, vcpus: Int = 2, mutant: Mutant? = nil) -> VM {
    let config = VMConfiguration(
        host: HostConfiguration(tdpEnabled: tdp, tdpLevels: tdpLevels, maxHostPageLevel: maxHostPageLevel),
        parameters: ModuleParameters(directMMU: ModuleParameter(value: directMMU, writableAtRuntime: writableParameter)),
        guest: GuestConfiguration(paging: paging, smm: smm, nested: nested, vcpuCount: vcpus),
        rootPolicy: policy)
    var vm = VM(configuration: config, mutant: mutant)
    for op in OperationGenerator.setup(config) { vm.apply(op) }
    return vm
}

extension VM {
    /// Apply and return the full invariant check's verdict.
    mutating func step(_ op: Operation) -> Violation? {
        apply(op)
        return InvariantChecker.checkAll(self)
    }

    func liveLeaves(where keep: (MMUPage, SPTE) -> Bool = { _, _ in true }) -> [(MMUPage, SPTE)] {
        var out: [(MMUPage, SPTE)] = []
        for p in pages where !p.freed {
            for (_, e) in p.entries where e.isLeaf && keep(p, e) { out.append((p, e)) }
        }
        return out
    }
}

let read = GuestAccess()
let write = GuestAccess(write: true)
