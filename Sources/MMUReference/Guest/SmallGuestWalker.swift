/// The small guest-paging model: a 4-level walk over P/RW/US/NX/A/D/PS entries, 4K, 2M
/// (PS at level 2) and 1G (PS at level 3) pages, CR0.WP, EFER.NX always on. No reserved
/// bits, SMEP/SMAP or protection keys: enough to drive the shadow MMU. Mirrors the
/// structure of paging_tmpl.h FNAME(walk_addr_generic) (accumulate access while walking,
/// check permissions at the leaf).
public struct SmallGuestWalker: GuestPageWalker {
    public init() {}

    public func walk<R: GuestPageTableReader>(page: UInt64, rootGfn: UInt64, access: GuestAccess,
                                              controls: GuestControls, reader: R) -> GuestWalk {
        var result = GuestWalk()
        let errorBase: UInt32 = (access.write ? 2 : 0) | (access.user ? 4 : 0) | (access.fetch ? 0x10 : 0)
        var table = rootGfn
        var rights = PageAccess.all
        var level = 4
        result.rootLevel = 4
        while true {
            result.setTableGfn(level, table)
            result.setAccess(above: level, rights)
            guard let pte = reader.readPTE(tableGfn: table, index: PageLevel.index(page, level)), pte.present else {
                result.faultCode = errorBase
                return result
            }
            rights.formIntersection(pte.access)
            if level == 1 || (pte.pageSize && level <= 3) {
                result.leafLevel = level
                result.leaf = pte
                result.access = rights
                result.gfn = PageLevel.align(pte.frame, level) &+ (page & (PageLevel.span(level) &- 1))
                if !guestAccessAllowed(rights, access, cr0WP: controls.cr0WP) {
                    result.faultCode = errorBase | 1
                }
                return result
            }
            table = pte.frame
            level -= 1
        }
    }
}
