/// A `Content-Type` (or `Content-Disposition`) value: `type/subtype; name=value; ...`
/// (RFC 2045 §5.1). Type, subtype and parameter names are lowercased; quoted values are
/// unquoted. RFC 2231 `name*=charset''value` parameters are percent-decoded.
struct MIMEContentType: Sendable, Equatable {
    var type: String
    var subtype: String
    var parameters: [String: String]

    /// RFC 2045 §5.2: a missing Content-Type means text/plain in US-ASCII.
    static let defaultText = MIMEContentType(type: "text", subtype: "plain", parameters: [:])

    var isMultipart: Bool { type == "multipart" }
    var charset: String? { parameters["charset"] }
    var boundary: String? { parameters["boundary"] }
    /// `filename` (Content-Disposition) or `name` (Content-Type, older mailers).
    var fileName: String? { parameters["filename"] ?? parameters["name"] }

    static func parse(_ value: String?) -> MIMEContentType {
        guard let value else { return defaultText }
        let segments = splitParameters(value)
        guard let first = segments.first else { return defaultText }
        let full = first.trimmingWhitespace().lowercased()
        let type: String, subtype: String
        if let slash = full.firstIndex(of: "/") {
            type = String(full[..<slash]).trimmingWhitespace()
            subtype = String(full[full.index(after: slash)...]).trimmingWhitespace()
        } else {
            // `Content-Disposition: attachment` has no subtype; a bare `text` is malformed.
            type = full; subtype = ""
        }
        var parameters: [String: String] = [:]
        for segment in segments.dropFirst() {
            guard let eq = segment.firstIndex(of: "=") else { continue }
            var name = segment[..<eq].trimmingWhitespace().lowercased()
            var raw = segment[segment.index(after: eq)...].trimmingWhitespace()
            if raw.hasPrefix("\"") { raw = unquote(raw) }
            if name.hasSuffix("*") {
                name.removeLast()
                raw = decodeExtendedValue(raw)
            }
            if parameters[name] == nil { parameters[name] = raw }
        }
        return MIMEContentType(type: type, subtype: subtype, parameters: parameters)
    }

    /// Splits at `;` outside quoted strings.
    private static func splitParameters(_ value: String) -> [Substring] {
        var parts: [Substring] = []
        var start = value.startIndex
        var inQuotes = false
        var escaped = false
        var i = value.startIndex
        while i < value.endIndex {
            let c = value[i]
            if escaped { escaped = false } else if c == "\\" && inQuotes { escaped = true } else if c == "\"" {
                inQuotes.toggle()
            } else if c == ";" && !inQuotes {
                parts.append(value[start..<i])
                start = value.index(after: i)
            }
            i = value.index(after: i)
        }
        parts.append(value[start...])
        return parts
    }

    private static func unquote(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s.dropFirst() {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { break }
            out.append(c)
        }
        return out
    }

    /// RFC 2231: `utf-8'en'na%C3%AFve.patch`.
    private static func decodeExtendedValue(_ s: String) -> String {
        let pieces = s.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return s }
        var bytes: [UInt8] = []
        var it = Array(pieces[2].utf8)[...]
        while let c = it.popFirst() {
            if c == UInt8(ascii: "%"), it.count >= 2, let hi = InputBytes.hex(it[it.startIndex]),
               let lo = InputBytes.hex(it[it.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                it = it.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return CharsetDecoder.string(from: bytes, charset: String(pieces[0]))
    }
}
