/// A few names to look for among many identifier tokens. Most tokens are ruled out by
/// their length, with no hashing; the rest by set membership, as `Set.contains` would.
struct NameFilter {
    let names: Set<String>
    /// Bit `n % 64` is set when some name is `n` UTF-8 bytes long.
    private let lengths: UInt64

    init(_ names: Set<String>) {
        self.names = names
        var lengths: UInt64 = 0
        for name in names { lengths |= 1 << UInt64(name.utf8.count & 63) }
        self.lengths = lengths
    }

    var isEmpty: Bool { names.isEmpty }

    @inline(__always)
    func contains(_ text: String) -> Bool {
        lengths & (1 << UInt64(text.utf8.count & 63)) != 0 && names.contains(text)
    }
}
