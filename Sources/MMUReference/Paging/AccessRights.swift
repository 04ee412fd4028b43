/// The access-rights rules of SDM vol. 3, 4.6.1 (U/S, R/W, XD with CR0.WP,
/// EFER.NXE, CR4.SMEP, CR4.SMAP and EFLAGS.AC) and the protection-key rules of
/// 4.6.2 (CR4.PKE with PKRU), applied to the combined rights of a translation.
public struct AccessRights: Sendable, Hashable {
    public let controls: PagingControls

    public init(controls: PagingControls) { self.controls = controls }

    /// What the rules say about one access.
    public struct Verdict: Sendable, Hashable {
        /// A 4.6.1 rule forbids the access.
        public var pageLevelViolation: Bool
        /// The protection-key condition of 4.6.2 / 4.7 (PK bit) holds: a data access
        /// to a user-mode page whose key PKRU disallows for this access.
        public var protectionKeyViolation: Bool

        public var allowed: Bool { !pageLevelViolation && !protectionKeyViolation }
    }

    public func check(_ access: LinearAccess, against rights: EffectivePermissions) -> Verdict {
        Verdict(
            pageLevelViolation: pageLevelViolation(access, rights),
            protectionKeyViolation: protectionKeyViolation(access, rights))
    }

    /// SDM 4.6.1, "Determination of Access Rights".
    private func pageLevelViolation(_ access: LinearAccess, _ rights: EffectivePermissions) -> Bool {
        switch access.privilege {
        case .user:
            // User-mode accesses reach only user-mode addresses; writes need R/W = 1
            // at every level whatever CR0.WP says; fetches need XD = 0 (with NXE).
            if !rights.user { return true }
            if access.isWrite && !rights.writable { return true }
            if access.isFetch && rights.executeDisable { return true }
            return false

        case .supervisor, .implicitSupervisor:
            if access.isFetch {
                // SMEP: no supervisor fetches from user-mode addresses.
                if rights.user && controls.smep { return true }
                if rights.executeDisable { return true }
            }
            if access.isDataAccess && rights.user && smapForbids(access.privilege) {
                return true
            }
            // CR0.WP = 1: supervisor writes honour R/W; with WP = 0 they ignore it.
            if access.isWrite && !rights.writable && controls.writeProtect { return true }
            return false
        }
    }

    /// SMAP forbids supervisor data accesses to user-mode addresses when CR4.SMAP = 1
    /// and the access is implicit or EFLAGS.AC = 0.
    private func smapForbids(_ privilege: LinearAccess.Privilege) -> Bool {
        guard controls.smap else { return false }
        switch privilege {
        case .user: return false
        case .implicitSupervisor: return true
        case .supervisor(let alignmentCheck): return !alignmentCheck
        }
    }

    /// SDM 4.6.2, "Protection Keys", and the PK bit of 4.7: only with CR4.PKE, only
    /// for user-mode addresses, only for data accesses (instruction fetches ignore
    /// keys). AD disallows every data access; WD disallows writes by user-mode
    /// accesses, and by supervisor-mode accesses only when CR0.WP = 1.
    private func protectionKeyViolation(_ access: LinearAccess, _ rights: EffectivePermissions) -> Bool {
        guard controls.protectionKeys, rights.user, access.isDataAccess else { return false }
        let key = rights.protectionKey
        if controls.pkru.accessDisabled(key: key) { return true }
        if access.isWrite && controls.pkru.writeDisabled(key: key)
            && (access.privilege.isUser || controls.writeProtect) {
            return true
        }
        return false
    }
}
