import MMUReference

/// An independent statement of the access contract (shared/model/ACCESS.md) straight
/// from the SDM (vol. 3, 4.5-4.8), used to check `AccessContract`, which goes
/// through the general page walker. It never builds a page table: it reasons over
/// the flag set with a table of named rules, each one SDM sentence.
struct PagingAccessOracle {
    let maxPhysicalAddressBits: Int

    /// Flag bits looked up once by name, so that the oracle depends on the contract's
    /// names and not on the library's enum order.
    struct Bits {
        static func bit(_ name: String) -> UInt32 {
            guard let flag = AccessFlag(name: name) else { fatalError("no flag \(name)") }
            return 1 << UInt32(flag.rawValue)
        }
        static let pteP = bit("pte.p"), pteRW = bit("pte.rw"), pteUser = bit("pte.user")
        static let pteA = bit("pte.a"), pteD = bit("pte.d"), pteNX = bit("pte.nx")
        static let pte51 = bit("pte.51"), pte36 = bit("pte.36")
        static let pdeP = bit("pde.p"), pdeRW = bit("pde.rw"), pdeUser = bit("pde.user")
        static let pdeA = bit("pde.a"), pdeD = bit("pde.d"), pdeNX = bit("pde.nx"), pdePSE = bit("pde.pse")
        static let pde51 = bit("pde.51"), pde36 = bit("pde.36"), pde13 = bit("pde.13")
        static let pdpteRO = bit("pdpte.ro")
        static let pkuAD = bit("pku.ad"), pkuWD = bit("pku.wd"), pkuKey = bit("pku.pkey")
        static let user = bit("access.user"), write = bit("access.write"), fetch = bit("access.fetch")
        static let twice = bit("access.twice")
        static let nx = bit("cpu.efer.nx"), wp = bit("cpu.cr0.wp"), smep = bit("cpu.cr4.smep"), pke = bit("cpu.cr4.pke")
    }

    /// The facts about one access the rules look at.
    struct Situation: Sendable {
        var flags: UInt32
        var user: Bool, write: Bool, fetch: Bool
        func has(_ bit: UInt32) -> Bool { flags & bit != 0 }
        var largePage: Bool { has(Bits.pdePSE) }
        // SDM 4.6: user-mode address iff U/S = 1 at every level (PML4E and PDPTE are user).
        var userPage: Bool { has(Bits.pdeUser) && (largePage || has(Bits.pteUser)) }
        // SDM 4.6: writable iff R/W = 1 at every level (PML4E writable, PDPTE unless ro).
        var writablePage: Bool { !has(Bits.pdpteRO) && has(Bits.pdeRW) && (largePage || has(Bits.pteRW)) }
        // SDM 4.6: XD counts only with EFER.NXE, and in any level.
        var executeDisabled: Bool { has(Bits.nx) && (has(Bits.pdeNX) || (!largePage && has(Bits.pteNX))) }
        // SDM 4.6.2: the leaf's key is 1 with pku.pkey; PKRU denies only key 1.
        var keyAccessDisabled: Bool { has(Bits.pkuKey) && has(Bits.pkuAD) }
        var keyWriteDisabled: Bool { has(Bits.pkuKey) && has(Bits.pkuWD) }
    }

    struct ProtectionRule: Sendable {
        var name: String
        var setsPK: Bool
        var fires: @Sendable (Situation) -> Bool
    }

    /// SDM 4.6.1 and 4.6.2, one sentence each.
    static let protectionRules: [ProtectionRule] = [
        .init(name: "user-mode accesses only reach user-mode addresses", setsPK: false) { s in
            s.user && !s.userPage },
        .init(name: "user-mode writes need R/W=1 at every level", setsPK: false) { s in
            s.user && s.write && !s.writablePage },
        .init(name: "supervisor writes need R/W=1 when CR0.WP=1", setsPK: false) { s in
            !s.user && s.write && s.has(Bits.wp) && !s.writablePage },
        .init(name: "no fetch from an XD page when EFER.NXE=1", setsPK: false) { s in
            s.fetch && s.executeDisabled },
        .init(name: "SMEP: no supervisor fetch from a user-mode address", setsPK: false) { s in
            !s.user && s.fetch && s.has(Bits.smep) && s.userPage },
        .init(name: "PKRU.AD: no data access to a user-mode page with the key", setsPK: true) { s in
            s.has(Bits.pke) && s.userPage && !s.fetch && s.keyAccessDisabled },
        .init(name: "PKRU.WD: no write to a user-mode page with the key (supervisor only with CR0.WP)", setsPK: true) { s in
            s.has(Bits.pke) && s.userPage && !s.fetch && s.write && s.keyWriteDisabled
                && (s.user || s.has(Bits.wp)) },
    ]

    enum Stop { case none, pdeNotPresent, pdeReserved, pteNotPresent, pteReserved, protection }

    struct Single {
        var stop: Stop
        var errorCode: UInt32
        var succeeded: Bool { stop == .none }
    }

    /// Where a walk with the given access stops (SDM 4.5: levels top-down, P before
    /// reserved bits), and its error code (SDM 4.7).
    func single(_ flags: UInt32, user: Bool, write: Bool, fetch: Bool) -> Single {
        let s = Situation(flags: flags, user: user, write: write, fetch: fetch)
        let m = maxPhysicalAddressBits
        let pdeReserved = (s.has(Bits.pde51) && m <= 51) || (s.has(Bits.pde36) && m <= 36)
            || (s.has(Bits.pdeNX) && !s.has(Bits.nx)) || (s.largePage && s.has(Bits.pde13))
        let pteReserved = (s.has(Bits.pte51) && m <= 51) || (s.has(Bits.pte36) && m <= 36)
            || (s.has(Bits.pteNX) && !s.has(Bits.nx))

        let stop: Stop
        var pk = false
        if !s.has(Bits.pdeP) { stop = .pdeNotPresent }
        else if pdeReserved { stop = .pdeReserved }
        else if !s.largePage && !s.has(Bits.pteP) { stop = .pteNotPresent }
        else if !s.largePage && pteReserved { stop = .pteReserved }
        else {
            var anyFired = false
            for rule in Self.protectionRules where rule.fires(s) {
                anyFired = true
                if rule.setsPK { pk = true }
            }
            stop = anyFired ? .protection : .none
        }
        guard stop != .none else { return Single(stop: .none, errorCode: 0) }

        var ec: UInt32 = 0
        if stop != .pdeNotPresent && stop != .pteNotPresent { ec |= 0x1 }
        if write { ec |= 0x2 }
        if user { ec |= 0x4 }
        if stop == .pdeReserved || stop == .pteReserved { ec |= 0x8 }
        if fetch && (s.has(Bits.nx) || s.has(Bits.smep)) { ec |= 0x10 }
        if pk { ec |= 0x20 }
        return Single(stop: stop, errorCode: ec)
    }

    /// What the contract's result line says, as values.
    struct Expected: Equatable, CustomStringConvertible {
        var fault: Bool, errorCode: UInt32
        var pteA: Bool?, pteD: Bool?
        var pdeA: Bool, pdeD: Bool

        init(fault: Bool, errorCode: UInt32, pteA: Bool?, pteD: Bool?, pdeA: Bool, pdeD: Bool) {
            self.fault = fault; self.errorCode = errorCode
            self.pteA = pteA; self.pteD = pteD; self.pdeA = pdeA; self.pdeD = pdeD
        }

        init(_ o: AccessOutcome) {
            self.init(fault: o.fault, errorCode: o.errorCode.rawValue, pteA: o.pteAccessed, pteD: o.pteDirty,
                      pdeA: o.pdeAccessed, pdeD: o.pdeDirty)
        }

        var description: String {
            func b(_ v: Bool) -> String { v ? "1" : "0" }
            return "fault=\(b(fault)) ec=0x\(String(errorCode, radix: 16))"
                + " pte.a=\(pteA.map(b) ?? "-") pte.d=\(pteD.map(b) ?? "-")"
                + " pde.a=\(b(pdeA)) pde.d=\(b(pdeD))"
        }
    }

    func expectedLine(_ flags: UInt32) -> String { expected(flags).description }

    func expected(_ flags: UInt32) -> Expected {
        let has = { (bit: UInt32) in flags & bit != 0 }
        let large = has(Bits.pdePSE)
        let main = single(flags, user: has(Bits.user), write: has(Bits.write), fetch: has(Bits.fetch))
        // access.twice: a supervisor read first; both leave their A/D marks.
        let first = has(Bits.twice) ? single(flags, user: false, write: false, fetch: false) : nil

        // SDM 4.8 as the contract fixes it: a non-leaf PDE gets A when a walk goes
        // past it; the leaf gets A on success and D on a successful write.
        var pdeA = has(Bits.pdeA), pdeD = has(Bits.pdeD), pteA = has(Bits.pteA), pteD = has(Bits.pteD)
        for (walk, isWrite) in [(first, false), (main, has(Bits.write))] {
            guard let walk else { continue }
            let pastPDE = walk.stop != .pdeNotPresent && walk.stop != .pdeReserved
            if large {
                if walk.succeeded { pdeA = true; if isWrite { pdeD = true } }
            } else {
                if pastPDE { pdeA = true }
                if walk.succeeded { pteA = true; if isWrite { pteD = true } }
            }
        }
        return Expected(
            fault: !main.succeeded, errorCode: main.errorCode,
            pteA: large ? nil : pteA, pteD: large ? nil : pteD, pdeA: pdeA, pdeD: pdeD)
    }
}
