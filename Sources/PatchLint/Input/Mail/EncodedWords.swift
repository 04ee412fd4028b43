/// RFC 2047 encoded words in headers: `=?charset?B?base64?=` and `=?charset?Q?quoted?=`
/// (either letter in any case).
///
/// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2), and adjacent
/// words in the same charset are decoded as one byte string, because senders split a
/// multi-byte UTF-8 character across words. A malformed word is kept as literal text.
enum EncodedWords {
    static func decode(_ header: String) -> String {
        let bytes = Array(header.utf8)
        guard bytes.count >= 8, containsEncodedWordStart(bytes) else { return header }

        enum Piece {
            case literal([UInt8])
            case word(charset: String, bytes: [UInt8])
        }
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var p = 0
        while p < bytes.count {
            if bytes[p] == UInt8(ascii: "="), p + 1 < bytes.count, bytes[p + 1] == UInt8(ascii: "?"),
               let (charset, decoded, next) = parseWord(bytes, at: p) {
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
                pieces.append(.word(charset: charset, bytes: decoded))
                p = next
            } else {
                literal.append(bytes[p])
                p += 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }

        var result = ""
        var pending: (charset: String, bytes: [UInt8])?
        func flush() {
            if let run = pending {
                result += CharsetDecoder.string(from: run.bytes, charset: run.charset)
                pending = nil
            }
        }
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .word(let charset, let decoded):
                if let run = pending, run.charset == charset {
                    pending!.bytes += decoded
                } else {
                    flush()
                    pending = (charset, decoded)
                }
            case .literal(let text):
                let blankOnly = text.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0A || $0 == 0x0D }
                let betweenWords = k > 0 && k + 1 < pieces.count
                    && { if case .word = pieces[k - 1], case .word = pieces[k + 1] { return true } else { return false } }()
                if blankOnly && betweenWords { continue }
                flush()
                result += String(decoding: text, as: UTF8.self)
            }
        }
        flush()
        return result
    }

    private static func containsEncodedWordStart(_ bytes: [UInt8]) -> Bool {
        for p in 0..<(bytes.count - 1) where bytes[p] == UInt8(ascii: "=") && bytes[p + 1] == UInt8(ascii: "?") {
            return true
        }
        return false
    }

    /// Parses `=?charset?X?text?=` at `start`: the charset (lowercased, language dropped),
    /// the decoded bytes and the index after `?=`.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (String, [UInt8], Int)? {
        var p = start + 2
        let charsetStart = p
        while p < bytes.count, bytes[p] != UInt8(ascii: "?") {
            let c = bytes[p]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || p - charsetStart > 40 { return nil }
            p += 1
        }
        guard p + 2 < bytes.count, p > charsetStart, bytes[p + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: bytes[charsetStart..<p], as: UTF8.self).lowercased()
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let encoding = bytes[p + 1] | 0x20  // ASCII lowercase
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = p + 3
        // RFC 2047 caps a word at 75 characters; allow far more, but bound the search so a
        // header full of unterminated `=?` stays linear.
        let limit = min(bytes.count, textStart + 1_000)
        var q = textStart
        while q + 1 < limit, !(bytes[q] == UInt8(ascii: "?") && bytes[q + 1] == UInt8(ascii: "=")) {
            q += 1
        }
        guard q + 1 < limit else { return nil }
        let text = bytes[textStart..<q]
        let decoded = encoding == UInt8(ascii: "b")
            ? TransferDecoding.base64(text)
            : TransferDecoding.quotedPrintable(text, underscoreIsSpace: true)
        return (charset, decoded, q + 2)
    }
}
