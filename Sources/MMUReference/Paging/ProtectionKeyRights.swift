/// The PKRU register (SDM vol. 3, 4.6.2): for each of the 16 protection keys i,
/// bit 2i is AD_i (access-disable) and bit 2i+1 is WD_i (write-disable).
public struct ProtectionKeyRights: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Every key has full access (PKRU = 0).
    public static let allowAll = ProtectionKeyRights(rawValue: 0)

    /// AD_key: data accesses to user-mode pages with this key are disallowed.
    public func accessDisabled(key: Int) -> Bool { rawValue >> (2 * UInt32(key)) & 1 != 0 }

    /// WD_key: writes to user-mode pages with this key are disallowed (for
    /// supervisor writes only when CR0.WP = 1).
    public func writeDisabled(key: Int) -> Bool { rawValue >> (2 * UInt32(key) + 1) & 1 != 0 }

    /// Returns a copy with AD/WD of `key` set as given.
    public func setting(key: Int, accessDisable: Bool, writeDisable: Bool) -> ProtectionKeyRights {
        let shift = 2 * UInt32(key)
        var raw = rawValue & ~(3 << shift)
        if accessDisable { raw |= 1 << shift }
        if writeDisable { raw |= 2 << shift }
        return ProtectionKeyRights(rawValue: raw)
    }
}
