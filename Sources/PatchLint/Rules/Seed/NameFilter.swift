/// A set of names to look for among many identifier tokens. Most tokens are ruled out
/// by their length, with no hashing; the rest by set membership, so `contains` answers
/// exactly as `Set.contains`.
///
/// Swift compares strings by canonical equivalence: a non-ASCII spelling (U+212A
/// KELVIN SIGN) can equal an ASCII name of another length. The length test only speaks
/// for ASCII texts against ASCII names, whose equality is byte equality; anything else
/// is asked of the set.
struct NameFilter {
    private(set) var names: Set<String> = []
    /// Bit `n % 64` is set when some name is `n` UTF-8 bytes long.
    private var lengths: UInt64 = 0
    private var allASCII = true

    init(_ names: Set<String> = []) {
        self.names = names
        for name in names {
            lengths |= 1 << UInt64(name.utf8.count & 63)
            if !Self.isASCII(name) { allASCII = false }
        }
    }

    var isEmpty: Bool { names.isEmpty }

    /// Adds `name`; true when it was not there yet.
    @discardableResult
    mutating func insert(_ name: String) -> Bool {
        lengths |= 1 << UInt64(name.utf8.count & 63)
        if !Self.isASCII(name) { allASCII = false }
        return names.insert(name).inserted
    }

    @inline(__always)
    func contains(_ text: String) -> Bool {
        if lengths & (1 << UInt64(text.utf8.count & 63)) == 0, allASCII, Self.isASCII(text) { return false }
        return names.contains(text)
    }

    @inline(__always)
    static func isASCII(_ text: String) -> Bool {
        for b in text.utf8 where b >= 0x80 { return false }
        return true
    }
}
