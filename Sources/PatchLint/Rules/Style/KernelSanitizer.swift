/// The view of C lines that checkpatch's checks work on, rebuilt from its documented
/// behaviour: comment characters (including `/*`, `*/`, `//...`) become
/// `KernelSanitizer.commentMark`, the contents of string and character literals
/// become `X` (quotes kept), everything else is unchanged, so columns line up with
/// the raw line. Block comment state carries across the context and added lines of
/// a hunk (removed lines are not part of the post-image and are skipped).
///
/// A hunk can start inside a block comment. As checkpatch does, the state at the
/// start is guessed from the first comment edge in the hunk: a `*/` before any `/*`
/// means the hunk starts inside a comment; with no edge at all, a first line that
/// looks like a comment continuation (` * text`, `**`) does.
public enum KernelSanitizer {
    /// Stands for one character of comment (checkpatch uses the same control character).
    public static let commentMark: Character = "\u{1C}"

    /// Sanitized text for every line of the hunk; removed lines map to "".
    public static func sanitize(_ lines: [DiffLine]) -> [String] {
        var inComment = startsInComment(lines)
        var literal = Literal.none
        return lines.map { line in
            guard line.kind != .removed else { return "" }
            return sanitize(line.text, inComment: &inComment, literal: &literal)
        }
    }

    /// `bytePrefilter: false` is the reference (Character scans only), for the tests.
    static func startsInComment(_ lines: [DiffLine], bytePrefilter: Bool = true) -> Bool {
        for line in lines where line.kind != .removed {
            let text = line.text
            // Most lines have no comment edge at all: find that on the bytes.
            let mayHaveEdge = !bytePrefilter || ASCIIBytes.withBytes(text) { bytes in
                !ASCIIBytes.isOneBytePerCharacter(bytes) || hasCommentEdgeBytes(bytes)
            }
            guard mayHaveEdge else { continue }
            guard let edge = firstCommentEdge(text), !edgeInsideString(text) else { continue }
            return edge == "*/"
        }
        if let first = lines.first(where: { $0.kind != .removed }) {
            let t = first.text.drop { $0 == " " || $0 == "\t" }
            if t.hasPrefix("**") { return true }
            if t.hasPrefix("*") {
                // ` * text` continuation lines (a space or nothing after the star).
                let afterStar = t.dropFirst()
                return afterStar.isEmpty || afterStar.first == " " || afterStar.first == "\t"
            }
        }
        return false
    }

    /// Whether `/*` or `*/` occurs (bytes of a one-byte-per-Character line).
    private static func hasCommentEdgeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        for k in 1..<bytes.count {
            let a = bytes[k - 1], b = bytes[k]
            if (a == 0x2F && b == 0x2A) || (a == 0x2A && b == 0x2F) { return true }
        }
        return false
    }

    /// The leftmost `/*` or `*/` of a line.
    private static func firstCommentEdge(_ text: String) -> String? {
        var prev: Character?
        for c in text {
            if prev == "/" && c == "*" { return "/*" }
            if prev == "*" && c == "/" { return "*/" }
            prev = c
        }
        return nil
    }

    /// An edge that sits inside a string literal ("/* like this */") does not count.
    private static func edgeInsideString(_ text: String) -> Bool {
        var inString = false
        var prev: Character = " "
        var chars = text.makeIterator()
        while let c = chars.next() {
            if c == "\"" && prev != "\\" { inString.toggle() }
            if inString && ((prev == "/" && c == "*") || (prev == "*" && c == "/")) { return true }
            prev = c
        }
        return false
    }

    /// An open string or character literal (a string continued with a backslash at
    /// the end of the line stays open on the next line, as in checkpatch).
    public enum Literal: Sendable { case none, string, char }

    /// Sanitizes one line given (and updating) the block comment state.
    public static func sanitize(_ text: String, inComment: inout Bool) -> String {
        var literal = Literal.none
        return sanitize(text, inComment: &inComment, literal: &literal)
    }

    /// Sanitizes one line given (and updating) the block comment and literal state.
    public static func sanitize(_ text: String, inComment: inout Bool, literal: inout Literal) -> String {
        var comment = inComment, open = literal
        let fast: String? = ASCIIBytes.withBytes(text) { bytes in
            guard ASCIIBytes.isOneBytePerCharacter(bytes) else { return nil }
            return sanitizeBytes(bytes, inComment: &comment, literal: &open)
        }
        if let fast {
            inComment = comment
            literal = open
            return fast
        }
        return sanitizeCharacters(text, inComment: &inComment, literal: &literal)
    }

    /// `sanitizeCharacters` over the bytes of a line where each byte is one Character
    /// (plain ASCII, no CRLF): the same state machine, writing bytes.
    private static func sanitizeBytes(_ chars: UnsafeBufferPointer<UInt8>, inComment: inout Bool,
                                      literal: inout Literal) -> String {
        let mark: UInt8 = 0x1C, x: UInt8 = 0x58
        let slash: UInt8 = 0x2F, star: UInt8 = 0x2A, dquote: UInt8 = 0x22, squote: UInt8 = 0x27, backslash: UInt8 = 0x5C
        let n = chars.count
        return ASCIIBytes.string(n) { out in
            var i = 0
            while i < n {
                let c = chars[i]
                let hasNext = i + 1 < n
                let next: UInt8 = hasNext ? chars[i + 1] : 0
                if inComment {
                    if c == star && hasNext && next == slash {
                        inComment = false
                        out[i] = mark; out[i + 1] = mark
                        i += 2
                        continue
                    }
                    out[i] = mark
                    i += 1
                    continue
                }
                switch literal {
                case .none:
                    if c == slash && hasNext && next == star {
                        inComment = true
                        out[i] = mark; out[i + 1] = mark
                        i += 2
                        continue
                    }
                    if c == slash && hasNext && next == slash {
                        for k in i..<n { out[k] = mark }
                        i = n
                        continue
                    }
                    if c == dquote { literal = .string }
                    else if c == squote { literal = .char }
                    out[i] = c
                case .string, .char:
                    let quote = literal == .string ? dquote : squote
                    if c == backslash && hasNext {
                        out[i] = x; out[i + 1] = x
                        i += 2
                        continue
                    }
                    if c == quote {
                        literal = .none
                        out[i] = c
                    } else {
                        out[i] = x
                    }
                }
                i += 1
            }
        }
    }

    /// The reference implementation over `Character`s, for any line.
    static func sanitizeCharacters(_ text: String, inComment: inout Bool, literal: inout Literal) -> String {
        let chars = Array(text)
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if inComment {
                if c == "*" && next == "/" {
                    inComment = false
                    out.append(commentMark); out.append(commentMark)
                    i += 2
                    continue
                }
                out.append(commentMark)
                i += 1
                continue
            }
            switch literal {
            case .none:
                if c == "/" && next == "*" {
                    inComment = true
                    out.append(commentMark); out.append(commentMark)
                    i += 2
                    continue
                }
                if c == "/" && next == "/" {
                    out.append(contentsOf: repeatElement(commentMark, count: chars.count - i))
                    i = chars.count
                    continue
                }
                if c == "\"" { literal = .string }
                else if c == "'" { literal = .char }
                out.append(c)
            case .string, .char:
                let quote: Character = literal == .string ? "\"" : "'"
                if c == "\\" && next != nil {
                    out.append("X"); out.append("X")
                    i += 2
                    continue
                }
                if c == quote {
                    literal = .none
                    out.append(c)
                } else {
                    out.append("X")
                }
            }
            i += 1
        }
        return String(out)
    }

    /// Length of a line as checkpatch measures it: tabs expanded to 8-column stops,
    /// other characters counted in UTF-8 bytes (checkpatch reads patches as bytes).
    public static func displayLength<S: StringProtocol>(_ text: S) -> Int {
        // Over bytes: a tab is always a Character of its own (grapheme clusters break
        // around control characters), and every other Character counts its bytes.
        var n = 0
        for b in text.utf8 {
            if b == 0x09 {
                n += 8 - n % 8
            } else {
                n += 1
            }
        }
        return n
    }

    /// `displayLength` as Characters (the definition), for the tests.
    static func displayLengthByCharacters<S: StringProtocol>(_ text: S) -> Int {
        var n = 0
        for ch in text {
            if ch == "\t" {
                n += 8 - n % 8
            } else {
                n += ch.utf8.count
            }
        }
        return n
    }
}
