/// BRACES on statement text made of plain ASCII lines (see `PlainASCIILine`) joined
/// by "\n": `characterMessage`'s verdict computed on bytes. On such text every
/// Character is one byte, `isWhitespace` is exactly \t \n space (\v \f \r never
/// occur), letters and digits are the ASCII ones, and regex `\b` sits between
/// `[A-Za-z0-9_]` and anything else.
extension BracesRule {
    /// The keyword line's statement text as bytes, when it and the lines the
    /// statement may span are all plain.
    struct PlainStatement {
        /// The lines joined by "\n".
        var bytes: [UInt8]
        /// Length of the keyword line (the first line).
        var firstLineLength: Int
    }

    static func plainStatementText(_ line: StyleLine) -> PlainStatement? {
        guard let first = line.plainSanitized else { return nil }
        let lines = line.context.hunk.lines
        let plain = line.context.text.plainSanitized
        var bytes = first.bytes
        var taken = 0
        var i = line.index + 1
        while i < lines.count && taken < lookahead {
            if lines[i].kind != .removed {
                guard let next = plain[i] else { return nil }
                bytes.append(0x0A)
                bytes.append(contentsOf: next.bytes)
                taken += 1
            }
            i += 1
        }
        return PlainStatement(bytes: bytes, firstLineLength: first.count)
    }

    /// `characterMessage` on plain statement text.
    static func plainMessage(_ statement: PlainStatement) -> String? {
        let text = statement.bytes
        let n = statement.firstLineLength
        // An if/else chain starting at the line's last `if` (`^(.*)\bif\b`), unless
        // `else` and blanks come right before it (`else\s*$`).
        var chainHandled = false
        if let start = lastWord("if", in: text, before: n), !endsWithElse(text, upTo: start) {
            if let chunks = plainChain(text, from: start), chunks.count > 1 {
                chainHandled = true
                let braced = chunks.contains { firstNonWhitespace(text, in: $0.block) == UInt8(ascii: "{") }
                if braced && !chunks.contains(where: { plainNeedsBraces(text, $0) }) { return chainMessage }
            }
        }
        guard !chainHandled, let offset = firstKeyword(in: text, before: n) else { return nil }
        // A lone if/for/while (or an else whose if is not on this line).
        var k = offset
        while k > 0 && isWhitespace(text[k - 1]) { k -= 1 }
        if k > 0 && text[k - 1] == UInt8(ascii: "}") { return nil }  // `} else`, `} while`
        guard let chunks = plainChain(text, from: offset), let first = chunks.first else { return nil }
        guard firstNonWhitespace(text, in: first.block) == UInt8(ascii: "{"),
              !plainNeedsBraces(text, first) else { return nil }
        if chunks.count > 1, firstNonWhitespace(text, in: chunks[1].block) == UInt8(ascii: "{") { return nil }
        return singleMessage
    }

    /// One arm: the keyword and condition, and the body, as byte ranges.
    struct PlainChunk {
        var condition: Range<Int>
        var block: Range<Int>
    }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
    static func isWordByte(_ b: UInt8) -> Bool { PlainASCIILine.isIdentifier(b) }

    static func firstNonWhitespace(_ text: [UInt8], in range: Range<Int>) -> UInt8? {
        var i = range.lowerBound
        while i < range.upperBound {
            if !isWhitespace(text[i]) { return text[i] }
            i += 1
        }
        return nil
    }

    /// Whether `text[range]` is exactly the ASCII `word`.
    static func equals(_ text: [UInt8], _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            var k = 0
            while k < w.count && text[range.lowerBound + k] == w[k] { k += 1 }
            return k == w.count
        }
    }

    /// Each maximal run of `[A-Za-z0-9_]` in `text[range]` (the ends of the range
    /// count as boundaries, as for a regex on that slice alone).
    static func forEachWord(_ text: [UInt8], in range: Range<Int>, _ body: (Range<Int>) -> Bool) {
        var p = range.lowerBound
        while p < range.upperBound {
            guard isWordByte(text[p]) else { p += 1; continue }
            var end = p + 1
            while end < range.upperBound && isWordByte(text[end]) { end += 1 }
            if !body(p..<end) { return }
            p = end
        }
    }

    /// Offset of the last `\bword\b` before `limit`.
    static func lastWord(_ word: StaticString, in text: [UInt8], before limit: Int) -> Int? {
        var found: Int?
        forEachWord(text, in: 0..<limit) { run in
            if equals(text, run, word) { found = run.lowerBound }
            return true
        }
        return found
    }

    /// Offset of the first `\b(if|while|for|else)\b` before `limit`.
    static func firstKeyword(in text: [UInt8], before limit: Int) -> Int? {
        var found: Int?
        forEachWord(text, in: 0..<limit) { run in
            if equals(text, run, "if") || equals(text, run, "while") || equals(text, run, "for")
                || equals(text, run, "else") {
                found = run.lowerBound
                return false
            }
            return true
        }
        return found
    }

    /// `else\s*$` on `text[..<end]` (a part of the first, plain line: `\s` is a blank).
    static func endsWithElse(_ text: [UInt8], upTo end: Int) -> Bool {
        var k = end
        while k > 0 && (text[k - 1] == 0x20 || text[k - 1] == 0x09) { k -= 1 }
        return k >= 4 && equals(text, (k - 4)..<k, "else")
    }

    /// `needsBraces` on bytes: a condition over several lines, a nested
    /// if/for/while in the body, or a body of more than one line or statement.
    static func plainNeedsBraces(_ text: [UInt8], _ chunk: PlainChunk) -> Bool {
        if text[chunk.condition].contains(0x0A) { return true }
        var loop = false
        forEachWord(text, in: chunk.block) { run in
            loop = equals(text, run, "if") || equals(text, run, "for") || equals(text, run, "while")
            return !loop
        }
        if loop { return true }
        return plainBlockSize(text, chunk.block) > 1
    }

    /// `blockSize` on bytes (trimming spaces, tabs, CR and LF as `trimmingWhitespace`).
    static func plainBlockSize(_ text: [UInt8], _ block: Range<Int>) -> Int {
        func isTrimmed(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var lo = block.lowerBound, hi = block.upperBound
        while lo < hi && isTrimmed(text[lo]) { lo += 1 }
        while hi > lo && isTrimmed(text[hi - 1]) { hi -= 1 }
        if lo < hi && text[lo] == UInt8(ascii: "{") { lo += 1 }
        if lo < hi && text[hi - 1] == UInt8(ascii: "}") { hi -= 1 }
        while lo < hi && isTrimmed(text[lo]) { lo += 1 }
        while hi > lo && isTrimmed(text[hi - 1]) { hi -= 1 }
        var lines = 1, statements = 0
        for b in text[lo..<hi] {
            if b == 0x0A { lines += 1 } else if b == UInt8(ascii: ";") { statements += 1 }
        }
        return max(lines, statements)
    }

    /// `chain(in:from:)` on bytes.
    static func plainChain(_ text: [UInt8], from start: Int) -> [PlainChunk]? {
        var chunks: [PlainChunk] = []
        var i = start
        var first = true
        while true {
            let condStart = i
            guard let kw = plainWord(text, at: i) else { return nil }
            i = kw.upperBound
            let isIf = equals(text, kw, "if"), isElse = equals(text, kw, "else")
            if isElse {
                guard !first else { return nil }
                let j = plainSkipSpace(text, i)
                if let next = plainWord(text, at: j), equals(text, next, "if") {
                    i = j + 2
                    guard let close = plainMatchingParen(text, plainSkipSpace(text, i)) else { return nil }
                    i = close + 1
                }
            } else if isIf || equals(text, kw, "for") || equals(text, kw, "while") {
                guard first || isIf else { return nil }
                guard let close = plainMatchingParen(text, plainSkipSpace(text, i)) else { return nil }
                i = close + 1
            } else {
                return nil
            }
            let condition = condStart..<i
            let blockStart = i
            let b = plainSkipSpace(text, i)
            guard b < text.count else { return nil }
            if text[b] == UInt8(ascii: "{") {
                guard let close = plainMatching(text, b, open: UInt8(ascii: "{"), close: UInt8(ascii: "}")) else {
                    return nil
                }
                i = close + 1
            } else {
                guard let semi = plainStatementEnd(text, b) else { return nil }
                i = semi + 1
            }
            chunks.append(PlainChunk(condition: condition, block: blockStart..<i))
            // Only if-chains continue, with else.
            guard isIf || isElse else { return chunks }
            let next = plainSkipSpace(text, i)
            guard let word = plainWord(text, at: next), equals(text, word, "else") else {
                return plainStatementCloses(text, from: i) ? chunks : nil
            }
            i = next
            first = false
        }
    }

    /// `statementCloses` on bytes.
    static func plainStatementCloses(_ text: [UInt8], from i: Int) -> Bool {
        var depth = 0
        var opener: UInt8 = 0  // 0: none
        let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        var j = i
        while j < text.count {
            let c = text[j]
            if depth == 0 && c == UInt8(ascii: ";") { return true }
            if (opener == 0 || opener == openParen) && c == openParen { depth += 1; opener = openParen }
            else if opener == openParen && c == closeParen { depth -= 1; if depth == 0 { opener = 0 } }
            else if (opener == 0 || opener == openBrace) && c == openBrace { depth += 1; opener = openBrace }
            else if opener == openBrace && c == closeBrace { depth -= 1; if depth == 0 { return true } }
            j += 1
        }
        return depth == 0
    }

    /// `word(in:at:)` on bytes: the identifier starting at `i`.
    static func plainWord(_ text: [UInt8], at i: Int) -> Range<Int>? {
        guard i < text.count, isLetter(text[i]) || text[i] == UInt8(ascii: "_") else { return nil }
        var end = i + 1
        while end < text.count && isWordByte(text[end]) { end += 1 }
        return i..<end
    }

    static func plainSkipSpace(_ text: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < text.count && (isWhitespace(text[j]) || text[j] == UInt8(ascii: "\\")) { j += 1 }
        return j
    }

    static func plainMatchingParen(_ text: [UInt8], _ i: Int) -> Int? {
        guard i < text.count, text[i] == UInt8(ascii: "(") else { return nil }
        return plainMatching(text, i, open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
    }

    static func plainMatching(_ text: [UInt8], _ i: Int, open: UInt8, close: UInt8) -> Int? {
        var depth = 0
        var j = i
        while j < text.count {
            if text[j] == open { depth += 1 }
            if text[j] == close { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return nil
    }

    /// `statementEnd` on bytes.
    static func plainStatementEnd(_ text: [UInt8], _ i: Int) -> Int? {
        var depth = 0
        var j = i
        while j < text.count {
            switch text[j] {
            case UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return nil }
            case UInt8(ascii: ";") where depth == 0: return j
            default: break
            }
            j += 1
        }
        return nil
    }
}
