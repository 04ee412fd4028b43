import CGit2

/// A `git_oid` as a dictionary key (libgit2 1.x: 20 raw bytes, SHA-1).
struct GitObjectID: Hashable {
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    init(_ oid: git_oid) {
        var raw = oid.id
        (high, middle, low) = withUnsafeBytes(of: &raw) { bytes in
            (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
             bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }
}
