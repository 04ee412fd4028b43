import Foundation

/// Turns text in a mail's declared charset into Swift strings (or UTF-8 bytes).
///
/// Kernel mail comes in UTF-8, US-ASCII, ISO-8859-1 and Windows-1252 in practice; those are
/// decoded exactly (plus ISO-8859-15). Labels follow the WHATWG Encoding Standard, which
/// mail clients behave like: `iso-8859-1` and `us-ascii` text is read as Windows-1252, so the
/// 0x80–0x9F bytes Outlook puts in "Latin-1" mail (0x92 for an apostrophe) become the
/// characters their writer meant; `us-ascii` text that is valid UTF-8 is read as UTF-8
/// (mislabelled mail is common). A few more charsets seen on kernel lists (Windows-1250/
/// 1251/1253/1254, ISO-8859-2, ISO-2022-JP, Shift_JIS, EUC-JP, UTF-16) go through
/// Foundation. Anything else, or text Foundation rejects, is read as UTF-8 with U+FFFD for
/// invalid bytes: lossy, never a crash.
enum CharsetDecoder {
    enum Charset: Sendable, Equatable {
        case utf8, usASCII, windows1252, iso8859_15, unknown
        case foundation(String.Encoding)
    }

    static func charset(named label: String?) -> Charset {
        guard var name = label?.lowercased().trimmingWhitespace(), !name.isEmpty else { return .usASCII }
        name = name.trimmingQuotes()
        // RFC 2231 allows a language suffix: `utf-8*en`.
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367": return .usASCII
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
             "iso-ir-100", "windows-1252", "cp1252", "x-cp1252":
            return .windows1252
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9", "l9": return .iso8859_15
        case "windows-1250", "cp1250": return .foundation(.windowsCP1250)
        case "windows-1251", "cp1251": return .foundation(.windowsCP1251)
        case "windows-1253", "cp1253": return .foundation(.windowsCP1253)
        case "windows-1254", "cp1254": return .foundation(.windowsCP1254)
        case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "l2": return .foundation(.isoLatin2)
        case "iso-2022-jp": return .foundation(.iso2022JP)
        case "shift_jis", "shift-jis", "sjis", "ms_kanji": return .foundation(.shiftJIS)
        case "euc-jp": return .foundation(.japaneseEUC)
        case "utf-16": return .foundation(.utf16)
        default: return .unknown
        }
    }

    static func string<C: Collection<UInt8>>(from bytes: C, charset label: String?) -> String {
        switch charset(named: label) {
        case .utf8, .unknown:
            return String(decoding: bytes, as: UTF8.self)
        case .usASCII:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            if let valid = String(validating: bytes, as: UTF8.self) { return valid }
            return singleByte(bytes, upper: windows1252Upper)
        case .windows1252:
            return singleByte(bytes, upper: windows1252Upper)
        case .iso8859_15:
            return singleByte(bytes, upper: iso8859_15Upper)
        case .foundation(let encoding):
            return String(bytes: Array(bytes), encoding: encoding) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The text as UTF-8 bytes; UTF-8 input passes through untouched (a diff's invalid bytes
    /// are decoded lossily line by line later, like any other).
    static func utf8Bytes(from bytes: [UInt8], charset label: String?) -> [UInt8] {
        switch charset(named: label) {
        case .utf8, .unknown:
            return bytes
        case .usASCII where bytes.allSatisfy({ $0 < 0x80 }):
            return bytes
        default:
            return Array(string(from: bytes, charset: label).utf8)
        }
    }

    /// Header text outside encoded words: UTF-8 when valid, else Windows-1252.
    static func headerString<C: Collection<UInt8>>(from bytes: C) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self) ?? singleByte(bytes, upper: windows1252Upper)
    }

    private static func singleByte<C: Collection<UInt8>>(_ bytes: C, upper: (UInt8) -> UnicodeScalar) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            scalars.append(b < 0x80 ? UnicodeScalar(b) : upper(b))
        }
        return String(scalars)
    }

    /// Windows-1252: ISO-8859-1 except 0x80–0x9F, which hold typographic characters. The five
    /// unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control of the same value.
    private static let windows1252C1: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88–8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98–9F
    ]

    private static func windows1252Upper(_ b: UInt8) -> UnicodeScalar {
        if b < 0xA0 { return UnicodeScalar(windows1252C1[Int(b) - 0x80])! }
        return UnicodeScalar(b)
    }

    /// ISO-8859-15 (Latin-9): Latin-1 with eight positions replaced (the euro sign and
    /// French/Finnish letters).
    private static func iso8859_15Upper(_ b: UInt8) -> UnicodeScalar {
        switch b {
        case 0xA4: return "\u{20AC}"
        case 0xA6: return "\u{0160}"
        case 0xA8: return "\u{0161}"
        case 0xB4: return "\u{017D}"
        case 0xB8: return "\u{017E}"
        case 0xBC: return "\u{0152}"
        case 0xBD: return "\u{0153}"
        case 0xBE: return "\u{0178}"
        default: return UnicodeScalar(b)
        }
    }
}

extension String {
    /// The string without quote marks at either end (`charset="utf-8"` written loosely).
    fileprivate func trimmingQuotes() -> String {
        var s = Substring(self)
        while let c = s.first, c == "\"" || c == "'" { s.removeFirst() }
        while let c = s.last, c == "\"" || c == "'" { s.removeLast() }
        return String(s)
    }
}
