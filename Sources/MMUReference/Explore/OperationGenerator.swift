/// Random configurations and operations for the explorer. Domains are deliberately small
/// (a few memslots, seven guest tables, a few dozen pages) so that operations collide:
/// the same gfn shadowed and mapped, the same root cached and freed, slots moved under
/// live mappings.
public enum MMUSelection: String, Sendable, CaseIterable {
    /// TDP on, no nested: the direct MMU (TDP MMU, or legacy direct shadow pages).
    case direct
    /// TDP off: the shadow MMU shadows the guest's tables.
    case shadow
    /// Anything, including nested (shadow roots next to TDP roots).
    case both
}

public enum OperationGenerator {
    public static func configuration(_ rng: inout SplitMix64, selection: MMUSelection) -> VMConfiguration {
        let tdp: Bool
        switch selection {
        case .direct: tdp = true
        case .shadow: tdp = false
        case .both: tdp = rng.chance(70)
        }
        return VMConfiguration(
            host: HostConfiguration(tdpEnabled: tdp, tdpLevels: rng.chance(50) ? 4 : 5,
                                    maxHostPageLevel: rng.pick([1, 2, 2, 3])),
            parameters: ModuleParameters(directMMU: ModuleParameter(value: rng.chance(80), writableAtRuntime: rng.chance(50))),
            guest: GuestConfiguration(paging: rng.chance(80) ? .fourLevel : .off, smm: rng.chance(70),
                                      nested: selection != .direct && rng.chance(60), vcpuCount: rng.chance(50) ? 1 : 2),
            rootPolicy: rng.chance(50) ? .refcounted : .perVMSeed)
    }

    /// The start of every episode: memory in both address spaces and a small guest
    /// page-table tree (two L1 roots, a nested root, shared lower tables, a 2M page, and
    /// mappings of the tables themselves so guest accesses hit shadowed gfns).
    public static func setup(_ c: VMConfiguration) -> [Operation] {
        var ops: [Operation] = [.addMemslot(addressSpace: 0, id: 0, gfn: 0, pages: 0x400, hfnOffset: 0, readOnly: false, dirtyLog: false)]
        if c.guest.smm {
            ops.append(.addMemslot(addressSpace: 1, id: 0, gfn: 0, pages: 0x400, hfnOffset: 0, readOnly: false, dirtyLog: false))
        }
        func link(_ table: UInt64, _ i: Int, _ to: UInt64, w: Bool = true, u: Bool = true) {
            ops.append(.writeGuestPTE(table: table, index: i, pte: GuestPTE(writable: w, user: u, frame: to)))
        }
        link(1, 0, 4)
        link(2, 0, 4, w: false)
        link(3, 0, 4)
        link(4, 0, 5)
        link(5, 0, 6)
        link(5, 1, 7)
        ops.append(.writeGuestPTE(table: 5, index: 2, pte: GuestPTE(dirty: true, pageSize: true, frame: 0x200)))
        link(5, 3, 6, w: false)
        for i in 0..<8 {
            ops.append(.writeGuestPTE(table: 6, index: i, pte: GuestPTE(writable: i % 2 == 0, user: i % 3 != 0,
                                                                         noExecute: i == 5, dirty: i < 4, frame: 0x10 + UInt64(i))))
        }
        for i in 0..<6 { link(7, i, 0x18 + UInt64(i), w: i != 2, u: i != 4) }
        link(7, 6, 1)
        link(7, 7, 5)
        return ops
    }

    static let frames: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x200, 0x3e0, 0x400, 0x600, 0x40000]
    static let slotBases: [UInt64] = [0x200, 0x400, 0x600, 0x800, 0x1000, 0x40000]
    static let slotSizes: [UInt64] = [0x10, 0x1f0, 0x200, 0x3f0, 0x400, 0x40000]

    static func page(_ rng: inout SplitMix64) -> UInt64 {
        if rng.chance(70) {
            return UInt64(rng.below(4)) << 9 | UInt64(rng.below(8))
        }
        return rng.pick([0x1, 0x5, 0x10, 0x1f, 0x200, 0x201, 0x3e0, 0x3ff, 0x400, 0x401, 0x5ff, 0x600, 0x800, 0x1000,
                         0x40000, 0x40001, 0x40200])
    }

    /// A random next operation for the current state.
    public static func next(_ rng: inout SplitMix64, vm: VM) -> Operation {
        let c = vm.configuration
        let v = rng.below(vm.vcpus.count)
        let r = rng.below(1000)
        switch r {
        case 0..<400:
            return .access(vcpu: v, page: page(&rng), write: rng.chance(45), user: rng.chance(40), fetch: rng.chance(10))
        case 400..<540:
            let table = rng.pick(GuestLayout.allTables)
            let index = rng.chance(80) ? rng.below(4) : rng.below(8)
            if rng.chance(8) { return .writeGuestPTE(table: table, index: index, pte: nil) }
            return .writeGuestPTE(table: table, index: index, pte: GuestPTE(
                present: rng.chance(90), writable: rng.chance(60), user: rng.chance(70), noExecute: rng.chance(15),
                accessed: rng.chance(50), dirty: rng.chance(50), pageSize: rng.chance(20), frame: rng.pick(frames)))
        case 540..<590: return .setCR3(vcpu: v, gfn: rng.pick(GuestLayout.cr3Roots + [4]))
        case 590..<620: return .setNestedCR3(vcpu: v, gfn: rng.pick([GuestLayout.nestedRoot, 1, 2]))
        case 620..<660: return vm.vcpus[v].smm ? .exitSMM(vcpu: v) : .enterSMM(vcpu: v)
        case 660..<710: return vm.vcpus[v].guestMode ? .exitNested(vcpu: v) : .enterNested(vcpu: v)
        case 710..<740: return .setCR0WP(vcpu: v, on: !vm.vcpus[v].cr0WP)
        case 740..<810: return .freeRoots(vcpu: v, slots: UInt8(1 + rng.below(15)))
        case 810..<840:
            return .zapGfnRange(gfn: rng.pick([0, 0x10, 0x200, 0x3e0, 0x400, 0x40000]), pages: rng.pick([1, 8, 0x200, 0x400]))
        case 840..<850: return .zapAll
        case 850..<880:
            return .addMemslot(addressSpace: c.guest.smm && rng.chance(30) ? 1 : 0, id: 1 + rng.below(3),
                               gfn: rng.pick(slotBases), pages: rng.pick(slotSizes),
                               hfnOffset: rng.chance(85) ? 0 : rng.pick([1, 0x10]), readOnly: rng.chance(15), dirtyLog: rng.chance(15))
        case 880..<892: return .deleteMemslot(addressSpace: c.guest.smm && rng.chance(30) ? 1 : 0, id: rng.chance(85) ? 1 + rng.below(3) : 0)
        case 892..<907: return .moveMemslot(addressSpace: rng.chance(85) ? 0 : 1, id: 1 + rng.below(3), gfn: rng.pick(slotBases))
        case 907..<947:
            let asID = c.guest.smm && rng.chance(25) ? 1 : 0
            let id = rng.below(4)
            let on = !(vm.memslots[asID].index(ofID: id).map { vm.memslots[asID][$0].dirtyLogging } ?? false)
            return .setDirtyLogging(addressSpace: asID, id: id, on: on)
        case 947..<975: return .getDirtyLog(addressSpace: c.guest.smm && rng.chance(25) ? 1 : 0, id: rng.below(4))
        default: return .writeDirectMMUParameter(rng.chance(50))
        }
    }
}
