import Foundation

/// SPACING on plain ASCII lines (see `PlainASCIILine`): the same messages as
/// `SpacingRule.characterMessages`, computed on bytes. Each regex check runs only
/// when a byte-level test shows the line has what the regex needs (which on a plain
/// line is exact: `\s` is space or tab), and the operator scan is byte-level.
extension SpacingRule {
    static func plainMessages(_ s: String, _ line: PlainASCIILine,
                              colonContext: ColonContext) -> [(String, Severity)] {
        var out: [(String, Severity)] = []
        let has = SpacingLineFeatures(line)
        // Function name followed by a space and (.
        if has.blankBeforeParen {
            for name in functionSpaceParenNames(line) {
                let nameText = line.string(name)
                if spacedNames.contains(nameText) { continue }
                let before = line.string(0..<name.lowerBound)
                let upToName = before + nameText
                if defineBefore.matches(before) || elifBefore.matches(upToName)
                    || KernelC.endsWithType(Substring(upToName)) {
                    continue
                }
                out.append(warning("space prohibited between function name and open parenthesis '('"))
            }
        }
        if !(has.hash && include.matches(s)) {
            out += plainOperatorMessages(s, line, colonContext: colonContext)
        }
        if has.blankBeforeSemicolon && spaceSemicolon.matches(s) {
            out.append(warning("space prohibited before semicolon"))
        }
        // `\)\{` or `\b(?:else|do)\{` need a `{` right after `)`, `e` or `o`.
        if has.braceAfterParenOrKeyword,
           (braceAfterParen.matches(s) && !castBrace.matches(s)) || braceAfterKeyword.matches(s) {
            out.append(error("space required before the open brace '{'"))
        }
        // A `}` followed by something other than `,;)}` or a space.
        if has.closeBraceThenText, closeBraceThenText.matches(s) {
            out.append(error("space required after that close brace '}'"))
        }
        if has.bracketThenBlank,
           openBracketSpace.matches(s) && !openBracketAtEnd.matches(s) {
            out.append(error("space prohibited after that open square bracket '['"))
        }
        if has.blankBeforeBracket, closeBracketSpace.matches(s) {
            out.append(error("space prohibited before that close square bracket ']'"))
        }
        if has.parenThenBlank,
           openParenSpace.matches(s) && !openParenAtEnd.matches(s) && !forEmptyInit.matches(s) {
            out.append(error("space prohibited after that open parenthesis '('"))
        }
        if has.blankBeforeCloseParen,
           closeParenSpace.matches(s) && !closeParenAtStart.matches(s) && !forEmptyStep.matches(s)
            && !colonSpaceParen.matches(s) {
            out.append(error("space prohibited before that close parenthesis ')'"))
        }
        if has.keywordBeforeParen, keywordParen.matches(s) {
            out.append(error(keywordParenMessage))
        }
        return out
    }

    /// Whether some `(` directly follows `if`, `for`, `while` or `switch` (ignoring
    /// word boundaries: a necessary condition for `keywordParen`).
    static func hasKeywordBeforeParen(_ line: PlainASCIILine) -> Bool {
        var i = 2
        while i < line.count {
            if line[i] == UInt8(ascii: "(") {
                switch line[i - 1] {
                case UInt8(ascii: "f"):
                    if line[i - 2] == UInt8(ascii: "i") { return true }
                case UInt8(ascii: "r"):
                    if line.contains("for", at: i - 3) { return true }
                case UInt8(ascii: "e"):
                    if line.contains("while", at: i - 5) { return true }
                case UInt8(ascii: "h"):
                    if line.contains("switch", at: i - 6) { return true }
                default:
                    break
                }
            }
            i += 1
        }
        return false
    }

    /// The name of every match of `functionSpaceParen` (`ident\s+\(`), left to right,
    /// as the regex finds them: a match starts at the first letter or `_` of a run of
    /// identifier characters (a later start in the same run ends at the same place,
    /// so fails alike), and the search resumes after the `(`.
    static func functionSpaceParenNames(_ line: PlainASCIILine) -> [Range<Int>] {
        var names: [Range<Int>] = []
        let n = line.count
        var p = 0
        while p < n {
            guard PlainASCIILine.isIdentifierStart(line[p]) else { p += 1; continue }
            var end = p + 1
            while end < n && PlainASCIILine.isIdentifier(line[end]) { end += 1 }
            var paren = end
            while paren < n && PlainASCIILine.isSpace(line[paren]) { paren += 1 }
            if paren > end && paren < n && line[paren] == 0x28 {
                names.append(p..<end)
                p = paren + 1
            } else {
                p = end
            }
        }
        return names
    }

    /// The operators as bytes, in `operators` order, and what each one is.
    private static let operatorBytes: [[UInt8]] = operators.map { Array(String($0).utf8) }
    private static let operatorTexts: [String] = operators.map { String($0) }
    private static let colonOperator = operatorTexts.firstIndex(of: ":")!
    /// Which branch of checkpatch's operator checks an operator takes.
    private enum OperatorKind {
        case semicolon, arrow, comma, colon, ternary, consistent, less, greater, spaced, unchecked
    }
    private static let operatorKinds: [OperatorKind] = operatorTexts.map { op in
        switch op {
        case ";": .semicolon
        case "->": .arrow
        case ",": .comma
        case ":": .colon
        case "?", "?:": .ternary
        case _ where consistentOperators.contains(op): .consistent
        case "<": .less
        case ">": .greater
        case _ where spacedOperators.contains(op): .spaced
        default: .unchecked
        }
    }
    /// Per first byte, the operators starting with it (indices, in `operators` order:
    /// the first that matches wins, as in the Character scan).
    private static let operatorsByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (k, op) in operatorBytes.enumerated() { table[Int(op[0])].append(k) }
        return table
    }()

    /// checkpatch's context letters around an operator.
    private enum Ctx {
        case w, e, c, b, o, v

        var letter: String {
            switch self {
            case .w: "W"
            case .e: "E"
            case .c: "C"
            case .b: "B"
            case .o: "O"
            case .v: "V"
            }
        }

        func isIn(_ a: Ctx, _ b: Ctx, _ c: Ctx) -> Bool { self == a || self == b || self == c }
        func isIn(_ a: Ctx, _ b: Ctx, _ c: Ctx, _ d: Ctx) -> Bool { self == a || self == b || self == c || self == d }
    }

    /// `characterOperatorMessages` on a plain line's bytes.
    static func plainOperatorMessages(_ sanitized: String, _ plain: PlainASCIILine,
                                      colonContext: ColonContext) -> [(String, Severity)] {
        // checkpatch replaces the diff marker by a space.
        var line = [UInt8](repeating: 0x20, count: plain.count + 1)
        line.withUnsafeMutableBufferPointer { buffer in
            for (k, b) in plain.bytes.enumerated() { buffer[k + 1] = b }
        }
        let n = line.count
        // Tokenize: operator (index into `operators`) and its byte range.
        var found: [(op: Int, start: Int, end: Int)] = []
        found.reserveCapacity(16)
        var i = 0
        scan: while i < n {
            let candidates = operatorsByFirstByte[Int(line[i])]
            if !candidates.isEmpty {
                for k in candidates where i + operatorBytes[k].count <= n {
                    let op = operatorBytes[k]
                    var m = 1
                    while m < op.count && line[i + m] == op[m] { m += 1 }
                    if m == op.count {
                        found.append((k, i, i + op.count))
                        i += op.count
                        continue scan
                    }
                }
            }
            i += 1
        }
        guard !found.isEmpty else { return [] }

        let cm = UInt8(ascii: "\u{1C}")
        let isSpace = PlainASCIILine.isSpace
        // Everything before `firstCode` is space or tab.
        var firstCode = 0
        while firstCode < n && isSpace(line[firstCode]) { firstCode += 1 }
        var out: [(String, Severity)] = []
        // Where the `@`s are, for the email-address exemption (O(1) per operator).
        let firstAt = line.firstIndex(of: 0x40) ?? n
        let lastAt = line.lastIndex(of: 0x40) ?? -1
        let firstColon = found.firstIndex { $0.op == colonOperator } ?? -1
        var colonKindCache: ColonKind?
        func colonKind() -> ColonKind {
            if let kind = colonKindCache { return kind }
            let (startsStatement, statementHead) = colonContext()
            let kind = ColonKind(sanitized, startsStatement: startsStatement, statementHead: statementHead)
            colonKindCache = kind
            return kind
        }
        for (t, token) in found.enumerated() {
            let kind = operatorKinds[token.op]
            let leftStart = t == 0 ? 0 : found[t - 1].end
            let rightEnd = t + 1 < found.count ? found[t + 1].start : n
            let leftLast: UInt8? = token.start > leftStart ? line[token.start - 1] : nil
            let rightFirst: UInt8? = rightEnd > token.end ? line[token.end] : nil
            let restFirst: UInt8? = token.end < n ? line[token.end] : nil
            let beforeLast: UInt8? = token.start > 0 ? line[token.start - 1] : nil

            var a = Ctx.v
            if let l = leftLast, isSpace(l) { a = .w }
            if leftLast == cm { a = .c }
            if leftLast == 0x28 || leftLast == 0x5B { a = .b }
            if leftLast == nil { a = .o }
            if token.start <= firstCode { a = .e }

            var c = Ctx.v
            if t == found.count - 1 && rightFirst == nil {
                c = .e  // Perl's split drops the empty field after a final operator
            } else {
                if let f = rightFirst, isSpace(f) { c = .w }
                if rightFirst == cm { c = .c }
                if let f = rightFirst, f == 0x29 || f == 0x5D || f == 0x3B { c = .b }
                if rightFirst == nil { c = .o }
                // The right side is only spaces and one backslash.
                var k = token.end
                while k < rightEnd && isSpace(line[k]) { k += 1 }
                if k + 1 == rightEnd && line[k] == 0x5C { c = .e }
            }
            let at = { "(ctx:\(a.letter)x\(c.letter))" }
            switch kind {
            case .semicolon:
                if !c.isIn(.w, .e, .b, .c), restFirst != 0x5C, restFirst != 0x3B {
                    out.append(("space required after that ';' \(at())", .error))
                }
            case .arrow:
                if a == .w || c == .w { out.append(("spaces prohibited around that '->' \(at())", .error)) }
            case .comma:
                if a == .w { out.append(("space prohibited before that ',' \(at())", .error)) }
                if !c.isIn(.w, .e, .c), restFirst != 0x7D {
                    out.append(("space required after that ',' \(at())", .error))
                }
            case .colon, .ternary:
                // `::` in asm operand lists.
                if kind == .colon && (beforeLast == 0x3A || restFirst == 0x3A) { break }
                if kind == .colon && t == firstColon {
                    switch colonKind() {
                    case .caseOrLabel:
                        if a == .w { out.append(("space prohibited before that ':' \(at())", .error)) }
                        continue
                    case .bitfield:
                        continue
                    case .other:
                        break
                    }
                }
                // A ternary without spaces on either side is only a --strict CHECK.
                if a == .v && c == .v { break }
                if !(a.isIn(.e, .w, .c) && c.isIn(.c, .w, .e)) {
                    out.append(("spaces required around that '\(operatorTexts[token.op])' \(at())", .error))
                }
            case .consistent:
                if (a == .w && !c.isIn(.w, .c, .e)) || (!a.isIn(.w, .c, .e) && c == .w) {
                    out.append(("need consistent spacing around '\(operatorTexts[token.op])' \(at())", .error))
                }
            case .less, .greater, .spaced:
                guard !(a.isIn(.e, .w, .c) && c.isIn(.c, .w, .e)) else { break }
                // An email address <foo@bar> is not a comparison (needs an @ on that side).
                if kind == .less, lastAt >= token.end,
                   String(decoding: line[token.end...], as: UTF8.self)
                    .range(of: #"^\S+@\S+>"#, options: .regularExpression) != nil { break }
                if kind == .greater, firstAt < token.start,
                   String(decoding: line[..<token.start], as: UTF8.self)
                    .range(of: #"<\S+@\S+$"#, options: .regularExpression) != nil { break }
                out.append(("spaces required around that '\(operatorTexts[token.op])' \(at())", .error))
            case .unchecked:
                break
            }
        }
        return out
    }
}
