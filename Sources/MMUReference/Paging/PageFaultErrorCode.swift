/// The page-fault error code (SDM vol. 3, 4.7, Figure 4-12). Only the bits a
/// 4/5-level walk of ordinary memory can produce are modelled (no SGX, shadow
/// stack or HLAT bits).
public struct PageFaultErrorCode: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// P (bit 0): 0 = a not-present page, 1 = a protection or reserved-bit violation.
    public static let present = PageFaultErrorCode(rawValue: 1 << 0)
    /// W/R (bit 1): the access was a write.
    public static let write = PageFaultErrorCode(rawValue: 1 << 1)
    /// U/S (bit 2): a user-mode access (implicit supervisor accesses are supervisor).
    public static let user = PageFaultErrorCode(rawValue: 1 << 2)
    /// RSVD (bit 3): a reserved bit was set in some paging-structure entry.
    public static let reservedBit = PageFaultErrorCode(rawValue: 1 << 3)
    /// I/D (bit 4): an instruction fetch, reported only when CR4.SMEP or EFER.NXE is set.
    public static let instructionFetch = PageFaultErrorCode(rawValue: 1 << 4)
    /// PK (bit 5): a data access to a user-mode page that PKRU disallows.
    public static let protectionKey = PageFaultErrorCode(rawValue: 1 << 5)

    /// `0x` and lower-case hex without padding, as in the access contract.
    public var description: String { "0x" + String(rawValue, radix: 16) }
}
