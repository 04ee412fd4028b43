import Testing
@testable import MMUReference

/// A walker that refuses user accesses outright (as a stricter walker, e.g. with SMAP-like
/// rules, might): plugging it in must change what the MMUs map.
struct NoUserWalker: GuestPageWalker {
    func walk<R: GuestPageTableReader>(page: UInt64, rootGfn: UInt64, access: GuestAccess,
                                       controls: GuestControls, reader: R) -> GuestWalk {
        var w = SmallGuestWalker().walk(page: page, rootGfn: rootGfn, access: access, controls: controls, reader: reader)
        if access.user && w.faultCode == nil { w.faultCode = 0x5 }
        return w
    }
}

@Suite struct PluggableWalkerTests {
    @Test func theVMUsesTheWalkerItWasGiven() {
        let config = VMConfiguration(host: HostConfiguration(tdpEnabled: false))
        var small = VM(configuration: config)
        var strict = VM(configuration: config, walker: NoUserWalker())
        for op in OperationGenerator.setup(config) {
            small.apply(op)
            strict.apply(op)
        }
        let userRead = GuestAccess(user: true)
        guard case .mapped = small.access(vcpu: 0, page: 0x2, userRead) else {
            Issue.record("the small walker maps a user page")
            return
        }
        #expect(strict.access(vcpu: 0, page: 0x2, userRead) == .guestFault(errorCode: 0x5))
        #expect(InvariantChecker.checkAll(strict) == nil)
    }
}
