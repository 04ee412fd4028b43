/// One result line of the access contract (shared/model/ACCESS.md):
/// `fault=0|1 ec=0x<hex> pte.a=0|1|- pte.d=0|1|- pde.a=0|1 pde.d=0|1`.
public struct AccessOutcome: Sendable, Hashable, CustomStringConvertible {
    public var fault: Bool
    /// `[]` when there is no fault.
    public var errorCode: PageFaultErrorCode
    /// The PTE's A and D after the access; nil (`-`) when the PDE maps a 2 MiB page.
    public var pteAccessed: Bool?
    public var pteDirty: Bool?
    public var pdeAccessed: Bool
    public var pdeDirty: Bool

    public init(
        fault: Bool, errorCode: PageFaultErrorCode, pteAccessed: Bool?, pteDirty: Bool?,
        pdeAccessed: Bool, pdeDirty: Bool
    ) {
        self.fault = fault
        self.errorCode = errorCode
        self.pteAccessed = pteAccessed
        self.pteDirty = pteDirty
        self.pdeAccessed = pdeAccessed
        self.pdeDirty = pdeDirty
    }

    /// The result line, without the newline.
    public var description: String {
        func bit(_ b: Bool) -> String { b ? "1" : "0" }
        func tri(_ b: Bool?) -> String { b.map(bit) ?? "-" }
        return "fault=\(bit(fault)) ec=\(errorCode) pte.a=\(tri(pteAccessed)) pte.d=\(tri(pteDirty))"
            + " pde.a=\(bit(pdeAccessed)) pde.d=\(bit(pdeDirty))"
    }

    /// A dense 13-bit code (fault, 6-bit error code, tri-state PTE A/D, PDE A/D) so a
    /// stream can keep every possible result line in a table.
    var packed: Int {
        func tri(_ b: Bool?) -> Int { b.map { $0 ? 1 : 0 } ?? 2 }
        return (fault ? 1 << 12 : 0) | Int(errorCode.rawValue & 0x3F) << 6
            | tri(pteAccessed) << 4 | tri(pteDirty) << 2
            | (pdeAccessed ? 2 : 0) | (pdeDirty ? 1 : 0)
    }

    static let packedCount = 1 << 13

    /// Inverse of `packed` (tri-state value 3 never occurs; it reads as `-`).
    init(packed: Int) {
        func tri(_ v: Int) -> Bool? { v == 2 || v == 3 ? nil : v == 1 }
        self.init(
            fault: packed >> 12 & 1 != 0,
            errorCode: PageFaultErrorCode(rawValue: UInt32(packed >> 6 & 0x3F)),
            pteAccessed: tri(packed >> 4 & 3), pteDirty: tri(packed >> 2 & 3),
            pdeAccessed: packed & 2 != 0, pdeDirty: packed & 1 != 0)
    }
}
