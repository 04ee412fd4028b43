/// One mail: headers and body, and the MIME walk that finds its readable text.
///
/// The text of a mail is every text part, in order, transfer-decoded and converted to UTF-8:
/// - a single-part mail is its body;
/// - multipart/mixed (and nested multiparts, multipart/signed) contributes each text part,
///   inline or attached, so a patch in a `text/x-patch` or `text/plain` attachment is found;
///   `application/octet-stream` (and `x-patch`/`x-diff`) attachments count when their file
///   name ends in `.patch` or `.diff`, as some mailers label patches that way;
/// - multipart/alternative contributes its text/plain alternative only;
/// - a `format=flowed` text part is unflowed first (see `FormatFlowed`), as git mailinfo does;
/// - text/html, signatures (application/pgp-signature), images and forwarded messages
///   (message/rfc822) contribute nothing.
public struct MailMessage: Sendable, Hashable {
    public var headers: MailHeaders
    public var body: [UInt8]

    public init(headers: MailHeaders, body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    /// Parses a message's bytes (LF or CRLF line endings).
    public init(bytes: [UInt8]) {
        let (headers, bodyStart) = bytes.withUnsafeBufferPointer { MailHeaders.parse($0) }
        self.init(headers: headers, body: Array(bytes[bodyStart...]))
    }

    /// `Message-Id` without angle brackets.
    public var messageID: String? {
        guard let raw = headers["message-id"]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
        var id = Substring(raw)
        if let open = id.firstIndex(of: "<") {
            id = id[id.index(after: open)...]
            if let close = id.firstIndex(of: ">") { id = id[..<close] }
        }
        let trimmed = id.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The subject, encoded words decoded, folding undone.
    public var subject: String { headers.decoded("subject") ?? "" }

    /// The readable text of the mail as UTF-8 bytes with LF line endings.
    public func text() -> [UInt8] {
        var parts: [[UInt8]] = []
        MailMessage.collectText(headers: headers, body: body[...], depth: 0, into: &parts)
        if parts.count == 1 { return parts[0] }
        var joined: [UInt8] = []
        for part in parts {
            if let last = joined.last, last != 0x0A { joined.append(0x0A) }
            joined += part
        }
        return joined
    }

    private static let maximumNesting = 8

    private static func collectText(headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int,
                                    into parts: inout [[UInt8]]) {
        let type = MIMEContentType.parse(headers["content-type"])
        if type.isMultipart, let boundary = type.boundary, !boundary.isEmpty {
            guard depth < maximumNesting else { return }
            let children = splitMultipart(body, boundary: Array(boundary.utf8)).map { part in
                part.withUnsafeBufferPointer { buffer -> (MailHeaders, ArraySlice<UInt8>) in
                    let (h, start) = MailHeaders.parse(buffer)
                    return (h, part[(part.startIndex + start)...])
                }
            }
            if type.subtype == "alternative" {
                let plain = children.first {
                    let t = MIMEContentType.parse($0.0["content-type"])
                    return t.type == "text" && t.subtype == "plain"
                }
                if let (h, b) = plain ?? children.first {
                    collectText(headers: h, body: b, depth: depth + 1, into: &parts)
                }
                return
            }
            for (h, b) in children {
                collectText(headers: h, body: b, depth: depth + 1, into: &parts)
            }
            return
        }
        guard isReadableText(type) else { return }
        let encoding = headers["content-transfer-encoding"]
        var decoded = TransferDecoding.decode(Array(body), encoding: encoding)
        if decoded.contains(0x0D) { decoded = normalisingCRLF(decoded) }
        var text = CharsetDecoder.utf8Bytes(from: decoded, charset: type.charset)
        if type.parameters["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.unflow(text, deleteSpace: type.parameters["delsp"]?.lowercased() == "yes")
        }
        parts.append(text)
    }

    private static func isReadableText(_ type: MIMEContentType) -> Bool {
        switch type.type {
        case "text":
            return type.subtype != "html" && type.subtype != "enriched" && type.subtype != "x-vcard"
                && type.subtype != "vcard" && type.subtype != "calendar"
        case "application":
            if ["x-patch", "x-diff", "patch", "diff"].contains(type.subtype) { return true }
            guard type.subtype == "octet-stream", let name = type.fileName?.lowercased() else { return false }
            return name.hasSuffix(".patch") || name.hasSuffix(".diff")
        case "multipart":
            return true  // a multipart without a boundary: read it as text, it is all we have
        default:
            return false
        }
    }

    /// The parts between `--boundary` lines, without the line break that belongs to the
    /// delimiter; the preamble and the epilogue after `--boundary--` are dropped.
    static func splitMultipart(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var p = body.startIndex
        let end = body.endIndex
        while p < end {
            var lineEnd = p
            while lineEnd < end, body[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd - p >= boundary.count + 2, body[p] == UInt8(ascii: "-"), body[p + 1] == UInt8(ascii: "-"),
               body[(p + 2)..<(p + 2 + boundary.count)].elementsEqual(boundary) {
                let after = body[(p + 2 + boundary.count)..<lineEnd]
                let isClose = after.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let onlyBlanks = after.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0D }
                if isClose || onlyBlanks {
                    if let start = partStart {
                        let partEnd = max(start, p - 1)  // drop the LF before the delimiter
                        parts.append(body[start..<partEnd])
                    }
                    if isClose { return parts }
                    partStart = min(lineEnd + 1, end)
                }
            }
            p = lineEnd + 1
        }
        if let start = partStart, start < end { parts.append(body[start..<end]) }  // unterminated
        return parts
    }

    private static func normalisingCRLF(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A {
                k += 1
                continue
            }
            out.append(bytes[k])
            k += 1
        }
        return out
    }
}
