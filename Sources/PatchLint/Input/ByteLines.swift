/// The lines of a byte buffer, found once, each without its `\n`. Shared by the diff parser
/// and the mail reader, which both work on bytes and decode only the text they keep.
struct ByteLines {
    let buffer: UnsafeBufferPointer<UInt8>
    /// Where every line starts and ends (the end is the offset of its `\n`, or the buffer's end).
    private var starts: [Int] = []
    private var ends: [Int] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        var start = 0
        let n = buffer.count
        starts.reserveCapacity(n / 40 + 1)
        ends.reserveCapacity(n / 40 + 1)
        while let p = ASCIIBytes.firstIndex(of: 0x0A, in: buffer, from: start) {
            starts.append(start); ends.append(p)
            start = p + 1
        }
        if start < n { starts.append(start); ends.append(n) }
    }

    var count: Int { starts.count }

    subscript(index: Int) -> ByteLine {
        ByteLine(buffer: buffer, range: starts[index]..<ends[index])
    }

    /// Offset of the first byte of line `index` (the buffer's end past the last line).
    func offset(ofLine index: Int) -> Int {
        index < starts.count ? starts[index] : buffer.count
    }
}

/// One line of a `ByteLines` buffer (a view; valid while the buffer is).
struct ByteLine {
    let buffer: UnsafeBufferPointer<UInt8>
    let range: Range<Int>

    var count: Int { range.count }
    var isEmpty: Bool { range.isEmpty }
    var first: UInt8? { range.isEmpty ? nil : buffer[range.lowerBound] }
    var bytes: [UInt8] { Array(buffer[range]) }
    var slice: Slice<UnsafeBufferPointer<UInt8>> { buffer[range] }

    subscript(offset: Int) -> UInt8 { buffer[range.lowerBound + offset] }

    func hasPrefix(_ prefix: StaticString) -> Bool {
        // withUTF8Buffer, not utf8Start: a one-character literal may be stored as a scalar.
        prefix.withUTF8Buffer { p in
            guard range.count >= p.count else { return false }
            for k in 0..<p.count where buffer[range.lowerBound + k] != p[k] { return false }
            return true
        }
    }

    func firstIndex(of byte: UInt8) -> Int? {
        for k in range where buffer[k] == byte { return k - range.lowerBound }
        return nil
    }

    func dropPrefix(_ n: Int) -> ByteLine {
        ByteLine(buffer: buffer, range: min(range.lowerBound + n, range.upperBound)..<range.upperBound)
    }

    /// Without a trailing `\r`: how header lines are read.
    var headerText: ByteLine {
        if let last = range.last, buffer[last] == 0x0D {
            return ByteLine(buffer: buffer, range: range.lowerBound..<last)
        }
        return self
    }

    var headerString: String { String(decoding: headerText.slice, as: UTF8.self) }

    /// The text after the one-byte `+`/`-`/` ` marker, decoded lossily; an empty line
    /// (a context line whose blank was stripped) is empty text.
    var contentText: String {
        range.isEmpty ? "" : String(decoding: buffer[(range.lowerBound + 1)..<range.upperBound], as: UTF8.self)
    }

    /// For error messages: at most 60 characters, no control characters.
    var displayText: String {
        let s = String(decoding: headerText.slice, as: UTF8.self)
        let clean = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return clean.count > 60 ? String(clean.prefix(60)) + "…" : clean
    }

    func trimmingLeadingSpaces() -> ByteLine {
        var lower = range.lowerBound
        while lower < range.upperBound, buffer[lower] == UInt8(ascii: " ") { lower += 1 }
        return ByteLine(buffer: buffer, range: lower..<range.upperBound)
    }

    /// A mail signature separator `-- ` (or `--` from a mailer that strips trailing blanks).
    var isSignatureSeparator: Bool {
        let t = headerText
        return (t.count == 3 && t.hasPrefix("-- ")) || (t.count == 2 && t.hasPrefix("--"))
    }

    /// A leading C-style quoted string (git's quoting of unusual paths): its unescaped bytes
    /// and what follows the closing quote; nil when the quote is not closed.
    func quotedPrefix() -> ([UInt8], ByteLine)? {
        guard first == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        var p = range.lowerBound + 1
        let end = range.upperBound
        while p < end {
            let c = buffer[p]
            if c == UInt8(ascii: "\"") {
                return (out, ByteLine(buffer: buffer, range: (p + 1)..<end))
            }
            if c == UInt8(ascii: "\\"), p + 1 < end {
                let e = buffer[p + 1]
                p += 2
                switch e {
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    // Up to three octal digits: git writes each non-ASCII byte as \ooo.
                    var value = Int(e - UInt8(ascii: "0"))
                    var digits = 1
                    while digits < 3, p < end, buffer[p] >= UInt8(ascii: "0"), buffer[p] <= UInt8(ascii: "7") {
                        value = value * 8 + Int(buffer[p] - UInt8(ascii: "0")); p += 1; digits += 1
                    }
                    out.append(UInt8(truncatingIfNeeded: value))
                default: out.append(e)  // \" \\ and anything unknown: the character itself
                }
                continue
            }
            out.append(c)
            p += 1
        }
        return nil
    }
}

/// Byte classification helpers for the mail and diff readers (a namespace, so the names
/// cannot collide with other extensions on UInt8 in the module).
enum InputBytes {
    /// The value of an ASCII decimal digit.
    static func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
    }

    /// The value of an ASCII hexadecimal digit, either case.
    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
