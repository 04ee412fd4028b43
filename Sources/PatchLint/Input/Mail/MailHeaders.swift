/// The header section of a mail (RFC 5322 §2.2): `Name: value` fields, folded over
/// continuation lines that start with a blank. Lookup is case-insensitive; values are kept
/// unfolded but not yet RFC 2047-decoded (`decoded(_:)` does that), because structured
/// fields such as `From:` must be split before their words are decoded.
public struct MailHeaders: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(fields: [Field] = []) {
        self.fields = fields
    }

    /// The first field with this name (case-insensitive), unfolded.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { Self.sameName($0.name, key) }?.value
    }

    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { Self.sameName($0.name, key) }.map(\.value)
    }

    /// `name.lowercased() == lowercasedKey`, without building a lowercased copy of every
    /// field name when both are ASCII (field names always are when parsed).
    static func sameName(_ name: String, _ lowercasedKey: String) -> Bool {
        let fast: Bool?? = name.utf8.withContiguousStorageIfAvailable { a in
            lowercasedKey.utf8.withContiguousStorageIfAvailable { b -> Bool? in
                guard a.count == b.count else {
                    // Lowercasing keeps an ASCII string's length; decide on the slow path otherwise.
                    return a.allSatisfy { $0 < 0x80 } && b.allSatisfy { $0 < 0x80 } ? false : nil
                }
                for k in 0..<a.count {
                    let x = a[k], y = b[k]
                    if x >= 0x80 || y >= 0x80 { return nil }
                    let lower = x >= 0x41 && x <= 0x5A ? x + 0x20 : x
                    if lower != y { return false }
                }
                return true
            } ?? nil
        }
        if let fast, let fast { return fast }
        return name.lowercased() == lowercasedKey
    }

    /// The field with encoded words decoded and runs of blanks (left by unfolding) collapsed.
    public func decoded(_ name: String) -> String? {
        self[name].map { EncodedWords.decode($0).collapsingBlanks() }
    }

    /// Reads the header section at the start of `buffer`; returns the headers and the offset
    /// where the body starts (after the blank line). A line that is neither a field nor a
    /// continuation ends the headers: it is the first body line of a sloppy raw mail.
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> (MailHeaders, bodyStart: Int) {
        var fields: [Field] = []
        var nameRange: Range<Int>?
        var value: [UInt8] = []
        func finish() {
            if let range = nameRange {
                fields.append(Field(name: String(decoding: buffer[range], as: UTF8.self),
                                    value: CharsetDecoder.headerString(from: value).trimmingWhitespace()))
            }
            nameRange = nil
            value.removeAll(keepingCapacity: true)
        }
        var p = 0
        let n = buffer.count
        while p < n {
            let end = ASCIIBytes.firstIndex(of: 0x0A, in: buffer, from: p) ?? n
            var contentEnd = end
            if contentEnd > p, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == p {  // the blank line before the body
                finish()
                return (MailHeaders(fields: fields), min(end + 1, n))
            }
            let first = buffer[p]
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                if nameRange != nil {
                    value.append(contentsOf: buffer[p..<contentEnd])
                }
            } else if let colon = fieldNameEnd(buffer, from: p, to: contentEnd) {
                finish()
                var nameEnd = colon
                while nameEnd > p, buffer[nameEnd - 1] == UInt8(ascii: " ") { nameEnd -= 1 }
                nameRange = p..<nameEnd
                value.append(contentsOf: buffer[(colon + 1)..<contentEnd])
            } else {
                finish()
                return (MailHeaders(fields: fields), p)
            }
            p = end + 1
        }
        finish()
        return (MailHeaders(fields: fields), n)
    }

    /// The colon ending a field name: printable ASCII without blanks (a blank right before
    /// the colon is tolerated, as `Subject :` is seen in the wild).
    static func fieldNameEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var p = from
        while p < end {
            let c = buffer[p]
            if c == UInt8(ascii: ":") { return p > from ? p : nil }
            if c == UInt8(ascii: " ") {
                var q = p
                while q < end, buffer[q] == UInt8(ascii: " ") { q += 1 }
                return q < end && buffer[q] == UInt8(ascii: ":") && p > from ? q : nil
            }
            if c < 0x21 || c > 0x7E { return nil }
            p += 1
        }
        return nil
    }
}

extension String {
    /// Runs of spaces, tabs and line breaks as one space, trimmed.
    func collapsingBlanks() -> String {
        // ASCII text on bytes: every byte is one Character, and CR LF (one Character, a
        // blank) gives the same single space as a CR and an LF.
        let fast: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for b in bytes {
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        if let fast, let fast { return fast }
        return collapsingBlanksByCharacters()
    }

    /// The definition, over Characters.
    func collapsingBlanksByCharacters() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for c in self {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }
}
