import Testing
@testable import MMUReference

/// A reader over an in-memory table set (gfn -> entries).
struct DictReader: GuestPageTableReader {
    var tables: [UInt64: [Int: GuestPTE]]
    func readPTE(tableGfn: UInt64, index: Int) -> GuestPTE? {
        guard let t = tables[tableGfn] else { return nil }
        return t[index] ?? GuestPTE(present: false, frame: 0)
    }
}

@Suite struct SmallGuestWalkerTests {
    let walker = SmallGuestWalker()
    // va page 0x203: L4 idx 0, L3 idx 0, L2 idx 1, L1 idx 3.
    func tables(leaf: GuestPTE, pde: GuestPTE = GuestPTE(frame: 40)) -> DictReader {
        DictReader(tables: [10: [0: GuestPTE(frame: 20)], 20: [0: GuestPTE(frame: 30)], 30: [1: pde], 40: [3: leaf]])
    }

    @Test func translatesA4KPageAndReportsTheTablesItRead() {
        let w = walker.walk(page: 0x203, rootGfn: 10, access: read, controls: GuestControls(),
                            reader: tables(leaf: GuestPTE(frame: 0x77)))
        #expect(w.faultCode == nil)
        #expect(w.gfn == 0x77)
        #expect(w.leafLevel == 1)
        #expect([4, 3, 2, 1].map { w.tableGfn($0) } == [10, 20, 30, 40])
        #expect(w.access == .all)
    }

    @Test func aPSEntryAtLevel2MapsA2MPage() {
        let r = tables(leaf: GuestPTE(frame: 0), pde: GuestPTE(pageSize: true, frame: 0x400))
        let w = walker.walk(page: 0x203, rootGfn: 10, access: read, controls: GuestControls(), reader: r)
        #expect(w.leafLevel == 2)
        #expect(w.gfn == 0x403)
    }

    @Test func faultErrorCodesFollowTheSDM() {
        let notPresent = walker.walk(page: 0x203, rootGfn: 10, access: GuestAccess(write: true, user: true),
                                     controls: GuestControls(), reader: tables(leaf: GuestPTE(present: false, frame: 1)))
        #expect(notPresent.faultCode == 0x6)
        let readOnly = walker.walk(page: 0x203, rootGfn: 10, access: GuestAccess(write: true, user: true),
                                   controls: GuestControls(), reader: tables(leaf: GuestPTE(writable: false, frame: 1)))
        #expect(readOnly.faultCode == 0x7)
        let supervisorPage = walker.walk(page: 0x203, rootGfn: 10, access: GuestAccess(user: true),
                                         controls: GuestControls(), reader: tables(leaf: GuestPTE(user: false, frame: 1)))
        #expect(supervisorPage.faultCode == 0x5)
        let nx = walker.walk(page: 0x203, rootGfn: 10, access: GuestAccess(fetch: true),
                             controls: GuestControls(), reader: tables(leaf: GuestPTE(noExecute: true, frame: 1)))
        #expect(nx.faultCode == 0x11)
    }

    @Test func cr0WPClearLetsTheSupervisorWriteReadOnlyPagesButNotTheUser() {
        let r = tables(leaf: GuestPTE(writable: false, frame: 1))
        let supervisor = walker.walk(page: 0x203, rootGfn: 10, access: write, controls: GuestControls(cr0WP: false), reader: r)
        #expect(supervisor.faultCode == nil)
        let user = walker.walk(page: 0x203, rootGfn: 10, access: GuestAccess(write: true, user: true),
                               controls: GuestControls(cr0WP: false), reader: r)
        #expect(user.faultCode == 0x7)
    }

    @Test func accessIsTheIntersectionOfAllLevels() {
        let r = DictReader(tables: [10: [0: GuestPTE(user: false, frame: 20)], 20: [0: GuestPTE(frame: 30)],
                                    30: [1: GuestPTE(writable: false, frame: 40)], 40: [3: GuestPTE(noExecute: true, frame: 5)]])
        let w = walker.walk(page: 0x203, rootGfn: 10, access: read, controls: GuestControls(), reader: r)
        #expect(w.access == [])
        #expect(w.access(above: 2) == [.write, .exec])
        #expect(w.access(above: 1) == [.exec])
    }

    @Test func anUnbackedTableFaultsAsNotPresent() {
        let w = walker.walk(page: 0x203, rootGfn: 99, access: read, controls: GuestControls(), reader: tables(leaf: GuestPTE(frame: 1)))
        #expect(w.faultCode == 0)
    }
}
