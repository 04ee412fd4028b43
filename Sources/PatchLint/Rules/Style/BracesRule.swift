/// BRACES — checkpatch's WARNING of the same name: braces around single-statement
/// blocks (`if (x) { foo(); }`), for a lone if/for/while or for every arm of an
/// if/else chain. (checkpatch's other BRACES messages are --strict CHECKs.)
public struct BracesRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.c

    public static let description = RuleDescription(
        id: "BRACES",
        severity: .warning,
        scope: .line,
        summary: "Braces {} around a single-statement block",
        rationale: """
            Kernel style omits braces where a single statement will do \
            (coding-style.rst, section 3), except when another arm of the same if/else \
            chain needs them, the condition spans lines or the body is a nested \
            if/for/while. Extra braces cost a line each and make the short cases look \
            like the long ones.
            """,
        fix: "Drop the braces of the single-statement block.",
        triggeringExamples: [
            RuleExample("""
                ↓\tif (!tdp_enabled) {
                \t\treturn false;
                \t}
                """),
            RuleExample("""
                ↓\tfor (i = 0; i < n; i++) {
                \t\tfree_page(pages[i]);
                \t}
                """),
            RuleExample("""
                ↓\tif (level == PG_LEVEL_4K) {
                \t\tsize = 1;
                \t} else {
                \t\tsize = 512;
                \t}
                """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
                \tif (!tdp_enabled)
                \t\treturn false;
                """),
            RuleExample("""
                \tif (!tdp_enabled) {
                \t\tpr_warn("no TDP\\n");
                \t\treturn false;
                \t}
                """),
            RuleExample("""
                \tif (level == PG_LEVEL_4K) {
                \t\tsize = 1;
                \t} else {
                \t\tsize = 512;
                \t\tlarge = true;
                \t}
                """),
            RuleExample("""
                \tif (a &&
                \t    b) {
                \t\treturn 1;
                \t}
                """),
            RuleExample("""
                \tfor (i = 0; i < n; i++) {
                \t\tif (pages[i])
                \t\t\tfree_page(pages[i]);
                \t}
                """),
            RuleExample("""
                \tdo {
                \t\tx++;
                \t} while (x < 10);
                """),
            RuleExample("""
                \tif (x) {
                \t\t/* a comment counts as a line */
                \t\tfoo();
                \t}
                """),
        ])

    /// One `if (cond)`, `else if (cond)`, `else`, `for (...)` or `while (...)` with its
    /// body, in the joined sanitized text.
    struct Chunk {
        var condition: Substring
        var block: Substring
    }

    static let keyword = StyleRegex(#"\b(if|while|for|else)\b"#)
    static let lastIf = StyleRegex(#"^(.*)\bif\b"#)
    static let elseBeforeIf = StyleRegex(#"else\s*$"#)
    static let loopWord = StyleRegex(#"\b(?:if|for|while)\b"#)

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let s = line.sanitized
        if let plain = line.plainSanitized {
            guard Self.plainKeywordOffset(plain) != nil else { return }
        } else {
            guard s.contains("if") || s.contains("for") || s.contains("while") || s.contains("else"),
                  Self.keyword.matches(s) else { return }
        }
        // The statement text from this line on (post-image lines of the hunk): as
        // bytes when every line of it is plain, else as a String.
        let message: String?
        if let text = Self.plainStatementText(line) {
            message = Self.plainMessage(text)
        } else {
            message = Self.characterMessage(s, following: line.following(Self.lookahead).map(\.sanitized))
        }
        if let message { findings.report(Self.description, at: line, message) }
    }

    /// How many post-image lines after the keyword line the statement may span.
    static let lookahead = 400

    static let chainMessage = "braces {} are not necessary for any arm of this statement"
    static let singleMessage = "braces {} are not necessary for single statement blocks"

    /// The verdict for a sanitized keyword line `s` and the sanitized post-image
    /// lines after it, through Characters and the regexes.
    static func characterMessage(_ s: String, following: [String]) -> String? {
        let text = ([s] + following).joined(separator: "\n")

        // An if/else chain starting on this line: warn when no arm needs its braces.
        var chainHandled = false
        if let g = lastIf.firstMatch(s), let head = g[1], !elseBeforeIf.matches(head) {
            let start = text.index(text.startIndex, offsetBy: head.count)
            if let chunks = chain(in: text, from: start), chunks.count > 1 {
                chainHandled = true
                let braced = chunks.contains { $0.block.drop(while: \.isWhitespace).first == "{" }
                if braced && !chunks.contains(where: needsBraces) { return chainMessage }
            }
        }
        guard !chainHandled, let m = keyword.allMatches(s).first else { return nil }
        // A lone if/for/while (or an else whose if is not on this line).
        let prefix = s.prefix(m.offset)
        if prefix.last(where: { !$0.isWhitespace }) == "}" { return nil }  // `} else`, `} while`
        let start = text.index(text.startIndex, offsetBy: m.offset)
        guard let chunks = chain(in: text, from: start), let first = chunks.first else { return nil }
        guard first.block.drop(while: \.isWhitespace).first == "{", !needsBraces(first) else { return nil }
        if chunks.count > 1, chunks[1].block.drop(while: \.isWhitespace).first == "{" { return nil }
        return singleMessage
    }

    /// Where `keyword` (`\b(if|while|for|else)\b`) first matches a plain line: the
    /// first run of identifier characters (`\w`, so the boundaries are its ends) that
    /// is one of the four words.
    static func plainKeywordOffset(_ line: PlainASCIILine) -> Int? {
        let n = line.count
        var p = 0
        while p < n {
            guard PlainASCIILine.isIdentifier(line[p]) else { p += 1; continue }
            var end = p + 1
            while end < n && PlainASCIILine.isIdentifier(line[end]) { end += 1 }
            switch end - p {
            case 2 where line[p] == 0x69 && line[p + 1] == 0x66: return p  // if
            case 3 where line[p] == 0x66 && line[p + 1] == 0x6F && line[p + 2] == 0x72: return p  // for
            case 4 where line[p] == 0x65 && line[p + 1] == 0x6C && line[p + 2] == 0x73
                && line[p + 3] == 0x65: return p  // else
            case 5 where line.contains("while", at: p): return p
            default: break
            }
            p = end
        }
        return nil
    }

    /// An arm needs braces when its condition spans lines, its body is a nested
    /// if/for/while, or its body is more than one statement or line.
    static func needsBraces(_ chunk: Chunk) -> Bool {
        if chunk.condition.contains("\n") { return true }
        if loopWord.matches(String(chunk.block)) { return true }
        return blockSize(chunk.block) > 1
    }

    /// checkpatch's measure of a block: lines or statements, whichever is more.
    static func blockSize(_ block: Substring) -> Int {
        var inner = block.trimmingWhitespace()[...]
        if inner.first == "{" { inner = inner.dropFirst() }
        if inner.last == "}" { inner = inner.dropLast() }
        let body = inner.trimmingWhitespace()
        let lines = body.filter { $0 == "\n" }.count + 1
        let statements = body.filter { $0 == ";" }.count
        return max(lines, statements)
    }

    /// Parses `keyword (cond) block [else [if (cond)] block]*` from `start`; nil when
    /// the statement does not end within the text (checkpatch's level != 0).
    static func chain(in text: String, from start: String.Index) -> [Chunk]? {
        var chunks: [Chunk] = []
        var i = start
        var first = true
        while true {
            let condStart = i
            guard let kw = word(in: text, at: i) else { return nil }
            i = text.index(i, offsetBy: kw.count)
            if kw == "else" {
                guard !first else { return nil }
                let j = skipSpace(text, i)
                if word(in: text, at: j) == "if" {
                    i = text.index(j, offsetBy: 2)
                    guard let close = matchingParen(text, skipSpace(text, i)) else { return nil }
                    i = text.index(after: close)
                }
            } else if ["if", "for", "while"].contains(kw) {
                guard first || kw == "if" else { return nil }
                guard let close = matchingParen(text, skipSpace(text, i)) else { return nil }
                i = text.index(after: close)
            } else {
                return nil
            }
            let condition = text[condStart..<i]
            let blockStart = i
            let b = skipSpace(text, i)
            guard b < text.endIndex else { return nil }
            if text[b] == "{" {
                guard let close = matching(text, b, open: "{", close: "}") else { return nil }
                i = text.index(after: close)
            } else {
                guard let semi = statementEnd(text, b) else { return nil }
                i = text.index(after: semi)
            }
            chunks.append(Chunk(condition: condition, block: text[blockStart..<i]))
            // Only if-chains continue, with else.
            guard kw == "if" || kw == "else" else { return chunks }
            let next = skipSpace(text, i)
            guard word(in: text, at: next) == "else" else {
                // checkpatch reads one statement further to look for an else, and
                // keeps that read's nesting level: when the statement after the
                // chain does not end inside the hunk, it gives no verdict.
                return statementCloses(text, from: i) ? chunks : nil
            }
            i = next
            first = false
        }
    }

    /// Whether the statement starting at `i` ends (a `;` outside brackets, or a
    /// balanced `{ }` block) before the text does; running out with nothing opened
    /// counts as ending.
    static func statementCloses(_ text: String, from i: String.Index) -> Bool {
        var depth = 0
        var opener: Character?
        var j = i
        while j < text.endIndex {
            let c = text[j]
            if depth == 0 && c == ";" { return true }
            if (opener == nil || opener == "(") && c == "(" { depth += 1; opener = "(" }
            else if opener == "(" && c == ")" { depth -= 1; if depth == 0 { opener = nil } }
            else if (opener == nil || opener == "{") && c == "{" { depth += 1; opener = "{" }
            else if opener == "{" && c == "}" { depth -= 1; if depth == 0 { return true } }
            j = text.index(after: j)
        }
        return depth == 0
    }

    static func word(in text: String, at i: String.Index) -> String? {
        guard i < text.endIndex, text[i].isLetter || text[i] == "_" else { return nil }
        let end = text[i...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? text.endIndex
        return String(text[i..<end])
    }

    static func skipSpace(_ text: String, _ i: String.Index) -> String.Index {
        text[i...].firstIndex { !$0.isWhitespace && $0 != "\\" } ?? text.endIndex
    }

    static func matchingParen(_ text: String, _ i: String.Index) -> String.Index? {
        guard i < text.endIndex, text[i] == "(" else { return nil }
        return matching(text, i, open: "(", close: ")")
    }

    static func matching(_ text: String, _ i: String.Index, open: Character, close: Character) -> String.Index? {
        var depth = 0
        var j = i
        while j < text.endIndex {
            if text[j] == open { depth += 1 }
            if text[j] == close { depth -= 1; if depth == 0 { return j } }
            j = text.index(after: j)
        }
        return nil
    }

    /// The `;` ending a single statement (parentheses and braces balanced).
    static func statementEnd(_ text: String, _ i: String.Index) -> String.Index? {
        var depth = 0
        var j = i
        while j < text.endIndex {
            switch text[j] {
            case "(", "{", "[": depth += 1
            case ")", "}", "]": depth -= 1; if depth < 0 { return nil }
            case ";" where depth == 0: return j
            default: break
            }
            j = text.index(after: j)
        }
        return nil
    }
}
