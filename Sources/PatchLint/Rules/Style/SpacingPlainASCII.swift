import Foundation

/// SPACING on plain ASCII lines (see `PlainASCIILine`): the same messages as
/// `SpacingRule.characterMessages`, computed on bytes. Each regex check runs only
/// when a byte-level test shows the line has what the regex needs (which on a plain
/// line is exact: `\s` is space or tab), and the operator scan is byte-level.
extension SpacingRule {
    static func plainMessages(_ s: String, _ line: PlainASCIILine,
                              colonContext: ColonContext) -> [(String, Severity)] {
        var out: [(String, Severity)] = []
        let isSpace = PlainASCIILine.isSpace
        // Function name followed by a space and (.
        if line.containsPair(0x20, 0x28) || line.containsPair(0x09, 0x28) {
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
        if !(line.contains(UInt8(ascii: "#")) && include.matches(s)) {
            out += plainOperatorMessages(s, line, colonContext: colonContext)
        }
        if (line.containsPair(0x20, 0x3B) || line.containsPair(0x09, 0x3B)) && spaceSemicolon.matches(s) {
            out.append(warning("space prohibited before semicolon"))
        }
        // `\)\{` or `\b(?:else|do)\{` need a `{` right after `)`, `e` or `o`.
        if line.contains(UInt8(ascii: "{"), after: { $0 == 0x29 || $0 == 0x65 || $0 == 0x6F }),
           (braceAfterParen.matches(s) && !castBrace.matches(s)) || braceAfterKeyword.matches(s) {
            out.append(error("space required before the open brace '{'"))
        }
        // A `}` followed by something other than `,;)}` or a space.
        if line.contains(UInt8(ascii: "}"), before: { b in
            !(b == 0x2C || b == 0x3B || b == 0x29 || b == 0x7D || isSpace(b))
        }), closeBraceThenText.matches(s) {
            out.append(error("space required after that close brace '}'"))
        }
        if line.contains(UInt8(ascii: "["), before: isSpace),
           openBracketSpace.matches(s) && !openBracketAtEnd.matches(s) {
            out.append(error("space prohibited after that open square bracket '['"))
        }
        if line.contains(UInt8(ascii: "]"), after: isSpace), closeBracketSpace.matches(s) {
            out.append(error("space prohibited before that close square bracket ']'"))
        }
        if line.contains(UInt8(ascii: "("), before: isSpace),
           openParenSpace.matches(s) && !openParenAtEnd.matches(s) && !forEmptyInit.matches(s) {
            out.append(error("space prohibited after that open parenthesis '('"))
        }
        if line.contains(UInt8(ascii: ")"), after: isSpace),
           closeParenSpace.matches(s) && !closeParenAtStart.matches(s) && !forEmptyStep.matches(s)
            && !colonSpaceParen.matches(s) {
            out.append(error("space prohibited before that close parenthesis ')'"))
        }
        if line.contains("if(") || line.contains("for(") || line.contains("while(") || line.contains("switch("),
           keywordParen.matches(s) {
            out.append(error(keywordParenMessage))
        }
        return out
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
    private static let spacedOperatorFlags: [Bool] = operatorTexts.map { spacedOperators.contains($0) }
    private static let consistentOperatorFlags: [Bool] = operatorTexts.map { consistentOperators.contains($0) }
    /// Bytes that can start an operator.
    private static let operatorStart: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for op in operatorBytes { table[Int(op[0])] = true }
        return table
    }()

    /// checkpatch's context letters around an operator, as bits so that "one of
    /// W, E, C" is a mask test.
    private enum Ctx: UInt8 {
        case w = 1, e = 2, c = 4, b = 8, o = 16, v = 32

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

        func isIn(_ set: Ctx...) -> Bool { set.contains(self) }
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
        var i = 0
        scan: while i < n {
            if operatorStart[Int(line[i])] {
                for (k, op) in operatorBytes.enumerated() where i + op.count <= n {
                    var m = 0
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
        let colonIndex = operatorTexts.firstIndex(of: ":")!
        let firstColon = found.firstIndex { $0.op == colonIndex } ?? -1
        var colonKindCache: ColonKind?
        func colonKind() -> ColonKind {
            if let kind = colonKindCache { return kind }
            let (startsStatement, statementHead) = colonContext()
            let kind = ColonKind(sanitized, startsStatement: startsStatement, statementHead: statementHead)
            colonKindCache = kind
            return kind
        }
        for (t, token) in found.enumerated() {
            let op = operatorTexts[token.op]
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
            switch op {
            case ";":
                if !c.isIn(.w, .e, .b, .c), restFirst != 0x5C, restFirst != 0x3B {
                    out.append(("space required after that ';' \(at())", .error))
                }
            case "->":
                if a == .w || c == .w { out.append(("spaces prohibited around that '->' \(at())", .error)) }
            case ",":
                if a == .w { out.append(("space prohibited before that ',' \(at())", .error)) }
                if !c.isIn(.w, .e, .c), restFirst != 0x7D {
                    out.append(("space required after that ',' \(at())", .error))
                }
            case ":", "?", "?:":
                // `::` in asm operand lists.
                if op == ":" && (beforeLast == 0x3A || restFirst == 0x3A) { break }
                if op == ":" && t == firstColon {
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
                    out.append(("spaces required around that '\(op)' \(at())", .error))
                }
            case _ where consistentOperatorFlags[token.op]:
                if (a == .w && !c.isIn(.w, .c, .e)) || (!a.isIn(.w, .c, .e) && c == .w) {
                    out.append(("need consistent spacing around '\(op)' \(at())", .error))
                }
            default:
                guard spacedOperatorFlags[token.op], !(a.isIn(.e, .w, .c) && c.isIn(.c, .w, .e)) else { break }
                // An email address <foo@bar> is not a comparison (needs an @ on that side).
                if op == "<", line[token.end...].contains(0x40),
                   String(decoding: line[token.end...], as: UTF8.self)
                    .range(of: #"^\S+@\S+>"#, options: .regularExpression) != nil { break }
                if op == ">", line[..<token.start].contains(0x40),
                   String(decoding: line[..<token.start], as: UTF8.self)
                    .range(of: #"<\S+@\S+$"#, options: .regularExpression) != nil { break }
                out.append(("spaces required around that '\(op)' \(at())", .error))
            }
        }
        return out
    }
}
