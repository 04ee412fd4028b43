/// The x86-64 guest page walker: translates one linear-address access through
/// 4-level or 5-level paging (SDM vol. 3, 4.5), applies the access rights and
/// protection keys (4.6, 4.6.2), updates accessed and dirty flags in guest memory
/// (4.8), and on failure builds the page-fault error code (4.7).
///
/// Accessed/dirty policy (what the reference model fixes where the SDM leaves the
/// processor latitude): a non-leaf entry's A bit is set as the walk passes through
/// it (it was present and had no reserved bit), even if a later level faults; the
/// leaf's A bit is set only when the access succeeds, and its D bit only when a
/// write succeeds. An entry that faults (not present, reserved bit) is left alone.
///
/// Not modelled: 32-bit and PAE paging, CR4.PKS (supervisor keys), HLAT, shadow
/// stacks, SGX, the TLB and paging-structure caches (every walk reads memory).
public struct PageWalker: Sendable, Hashable {
    public var controls: PagingControls

    public init(controls: PagingControls) { self.controls = controls }

    /// Walks `access` through the tables in `memory`, writing the A/D updates back.
    public func walk<Memory: GuestPhysicalMemory>(_ access: LinearAccess, in memory: inout Memory) -> WalkResult {
        guard controls.isCanonical(access.address) else { return .nonCanonical }

        let reserved = ReservedBits(controls: controls)
        var path = WalkPath()
        var level = controls.topLevel
        var tableBase = controls.rootTableAddress
        // SDM 4.6: rights are the AND of R/W and U/S, and the OR of XD, over all levels.
        var writable = true
        var user = true
        var executeDisable = false

        while true {
            let entryAddress = tableBase + UInt64(level.index(of: access.address)) * 8
            let entry = PageTableEntry(rawValue: memory.readEntry(at: entryAddress))
            path.append(WalkStep(level: level, entryAddress: entryAddress, entry: entry, updatedEntry: entry))

            // SDM 4.7: P = 0 in the error code for a not-present entry; its other bits are ignored.
            guard entry.isPresent else {
                return .pageFault(fault(access, [], level: level, path: path))
            }
            // SDM 4.5/4.7: a reserved bit in a present entry: P = 1, RSVD = 1.
            if reserved.violations(in: entry, at: level) != 0 {
                return .pageFault(fault(access, [.present, .reservedBit], level: level, path: path))
            }

            writable = writable && entry.isWritable
            user = user && entry.isUser
            executeDisable = executeDisable || (controls.executeDisableEnabled && entry.isExecuteDisable)

            let isLeaf = level == .pageTable
                || ((level == .pageDirectory || level == .pageDirectoryPointerTable) && entry.hasPageSize)
            if isLeaf {
                return finishLeaf(
                    access, leaf: entry, level: level, path: path,
                    rights: EffectivePermissions(
                        writable: writable, user: user, executeDisable: executeDisable,
                        protectionKey: controls.protectionKeys ? entry.protectionKey : 0),
                    memory: &memory)
            }

            // SDM 4.8: the processor sets A in a paging-structure entry it uses.
            if !entry.isAccessed {
                let updated = PageTableEntry(rawValue: entry.rawValue | PageTableEntry.accessed)
                memory.writeEntry(updated.rawValue, at: entryAddress)
                path[path.count - 1].updatedEntry = updated
            }
            tableBase = entry.address
            level = level.next!  // a PTE is always a leaf, so there is a next level here
        }
    }

    /// The leaf was found: check the rights (SDM 4.6), then set A and, for a write,
    /// D in the leaf (SDM 4.8) or fault (SDM 4.7).
    private func finishLeaf<Memory: GuestPhysicalMemory>(
        _ access: LinearAccess, leaf: PageTableEntry, level: PagingLevel, path: WalkPath,
        rights: EffectivePermissions, memory: inout Memory
    ) -> WalkResult {
        var path = path
        let verdict = AccessRights(controls: controls).check(access, against: rights)
        guard verdict.allowed else {
            var bits: PageFaultErrorCode = [.present]
            if verdict.protectionKeyViolation { bits.insert(.protectionKey) }
            return .pageFault(fault(access, bits, level: level, path: path))
        }

        var updatedRaw = leaf.rawValue | PageTableEntry.accessed
        if access.isWrite { updatedRaw |= PageTableEntry.dirty }
        if updatedRaw != leaf.rawValue {
            memory.writeEntry(updatedRaw, at: path[path.count - 1].entryAddress)
            path[path.count - 1].updatedEntry = PageTableEntry(rawValue: updatedRaw)
        }

        let pageSize = level.leafPageSize!
        // The frame is the leaf's address field above the page offset (for large
        // pages the low address bits are PAT/reserved and not part of the frame).
        let frame = leaf.address & ~pageSize.offsetMask
        return .translated(Translation(
            physicalAddress: frame | (access.address & pageSize.offsetMask),
            pageSize: pageSize, permissions: rights, path: path))
    }

    /// SDM 4.7: the bits every page fault reports about the access itself.
    private func fault(
        _ access: LinearAccess, _ cause: PageFaultErrorCode, level: PagingLevel, path: WalkPath
    ) -> PageFault {
        var code = cause
        if access.isWrite { code.insert(.write) }
        if access.privilege.isUser { code.insert(.user) }
        // I/D only when fetches can fault for their own reasons: NXE or SMEP.
        if access.isFetch && (controls.executeDisableEnabled || controls.smep) {
            code.insert(.instructionFetch)
        }
        return PageFault(errorCode: code, address: access.address, level: level, path: path)
    }
}
