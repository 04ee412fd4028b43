/// MIME content transfer encodings (RFC 2045 §6): quoted-printable and base64. 7bit, 8bit
/// and binary are identity. Both decoders are lenient, as mail readers must be: malformed
/// input is kept or skipped, never fatal.
enum TransferDecoding {
    static func decode(_ bytes: [UInt8], encoding: String?) -> [UInt8] {
        switch encoding?.lowercased().trimmingWhitespace() {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return base64(bytes)
        default: return bytes
        }
    }

    /// `=XX` is a byte, `=` at the end of a line joins it to the next. Trailing blanks are
    /// kept (RFC 2045 says to drop them, but `git mailinfo` keeps them, and in a patch they
    /// are content the whitespace rules must see). `underscoreIsSpace` is the RFC 2047 "Q"
    /// variant used in headers.
    static func quotedPrintable<C: Collection<UInt8>>(_ bytes: C, underscoreIsSpace: Bool = false) -> [UInt8]
    where C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var p = bytes.startIndex
        let end = bytes.endIndex
        while p < end {
            let c = bytes[p]
            if c == UInt8(ascii: "=") {
                // Soft line break: `=` then optional blanks then LF.
                var q = p + 1
                while q < end, bytes[q] == UInt8(ascii: " ") || bytes[q] == UInt8(ascii: "\t") || bytes[q] == 0x0D {
                    q += 1
                }
                if q == end || bytes[q] == 0x0A {
                    p = q < end ? q + 1 : q
                    continue
                }
                if p + 2 < end, let hi = InputBytes.hex(bytes[p + 1]), let lo = InputBytes.hex(bytes[p + 2]) {
                    out.append(UInt8(hi << 4 | lo))
                    p += 3
                    continue
                }
                out.append(c)  // a stray `=`: keep it
                p += 1
                continue
            }
            out.append(underscoreIsSpace && c == UInt8(ascii: "_") ? UInt8(ascii: " ") : c)
            p += 1
        }
        return out
    }

    /// Base64, skipping anything outside the alphabet (line breaks, blanks) and stopping at
    /// the first `=` pad.
    static func base64<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for c in bytes {
            if c == UInt8(ascii: "=") { break }
            guard let value = base64Value(c) else { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    private static func base64Value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
