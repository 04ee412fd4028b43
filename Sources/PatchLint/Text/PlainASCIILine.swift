/// The UTF-8 bytes of a line on which byte-level checks give exactly the results of
/// the Character- and NSRegularExpression-level checks they stand in for.
///
/// That holds when every byte is ASCII other than the line terminators \n \v \f \r:
/// - each Character is then one byte (only CR LF joins two ASCII scalars), and no
///   non-ASCII Character can compare equal to an ASCII one (U+037E GREEK QUESTION MARK
///   is canonically equal to ";" as a Swift Character);
/// - regex `\s` is then exactly space and tab, `.` matches every byte, and `$` only
///   matches at the very end (ICU's `$` also matches before a final \n \v \f \r).
/// Lines that are not plain keep the original Character/regex code paths.
struct PlainASCIILine: Sendable {
    let bytes: [UInt8]

    init?(_ text: String) {
        guard Self.isPlain(text) else { return nil }
        self.bytes = Array(text.utf8)
    }

    /// Whether `text` is plain (see above), without copying it.
    static func isPlain(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= 0x80 || ($0 >= 0x0A && $0 <= 0x0D) }
    }

    var count: Int { bytes.count }

    subscript(i: Int) -> UInt8 { bytes[i] }

    func contains(_ byte: UInt8) -> Bool { bytes.contains(byte) }

    /// Whether `first` is immediately followed by `second` somewhere.
    func containsPair(_ first: UInt8, _ second: UInt8) -> Bool {
        var i = 1
        while i < bytes.count {
            if bytes[i] == second && bytes[i - 1] == first { return true }
            i += 1
        }
        return false
    }

    /// Whether `byte` occurs with `before(previous byte)` true for the byte in front
    /// of it (never for an occurrence at the start).
    func contains(_ byte: UInt8, after before: (UInt8) -> Bool) -> Bool {
        var i = 1
        while i < bytes.count {
            if bytes[i] == byte && before(bytes[i - 1]) { return true }
            i += 1
        }
        return false
    }

    /// Whether `byte` occurs with `after(next byte)` true for the byte following it
    /// (never for an occurrence at the end).
    func contains(_ byte: UInt8, before after: (UInt8) -> Bool) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == byte && after(bytes[i + 1]) { return true }
            i += 1
        }
        return false
    }

    /// Whether `needle` (ASCII) occurs as a substring.
    func contains(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, n <= bytes.count else { return n == 0 }
        return needle.withUTF8Buffer { pattern in
            var i = 0
            let first = pattern[0]
            while i + n <= bytes.count {
                if bytes[i] == first {
                    var k = 1
                    while k < n && bytes[i + k] == pattern[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether `needle` (ASCII) occurs at byte offset `offset`.
    func contains(_ needle: StaticString, at offset: Int) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard offset >= 0, offset + n <= bytes.count else { return false }
        return needle.withUTF8Buffer { pattern in
            var k = 0
            while k < n && bytes[offset + k] == pattern[k] { k += 1 }
            return k == n
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Regex `\s` on a plain line.
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    /// `[A-Za-z_]`
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }
    /// `[A-Za-z0-9_]` (regex `\w` on ASCII).
    static func isIdentifier(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
    }
}
