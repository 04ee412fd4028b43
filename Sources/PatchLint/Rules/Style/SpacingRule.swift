/// SPACING — checkpatch's type of the same name, for the cases it reports by default
/// that can be decided from one line: keywords, braces, brackets and parentheses,
/// semicolons, commas, `->`, and the binary operators that always take spaces on both
/// sides (assignment, comparison, logical). Severity per message as in checkpatch.
///
/// Not covered (documented in docs/checkpatch-agreement.md): operators whose
/// unary/binary reading needs checkpatch's statement annotation (`*`, `&`, `-`, `+`,
/// `!`, `~`, `++`, `--`, `?:`, `:`), and the declaration-shape messages (missing space
/// after a return type, function pointer spacing). The binary-only operators
/// `% / ^ | << >>` get checkpatch's "consistent spacing" check.
public struct SpacingRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.c

    public static let description = RuleDescription(
        id: "SPACING",
        severity: .error,
        scope: .line,
        summary: "Missing or extra spaces around keywords, braces, parentheses and operators",
        rationale: """
            Kernel code uses one spacing convention (coding-style.rst, section 3.1): a space \
            after if/for/while/switch and around binary and assignment operators, none \
            inside parentheses and brackets or before , and ;, none between a function name \
            and its (. Uniform spacing keeps diffs minimal and code greppable \
            (`git grep 'if (foo'`).
            """,
        fix: "Insert or delete the space the message names.",
        triggeringExamples: [
            RuleExample("↓\tif(!tdp_enabled)"),
            RuleExample("↓\twhile(i < n) {"),
            RuleExample("↓\tif (x){"),
            RuleExample("↓\t}else {"),
            RuleExample("↓\tfoo( a);"),
            RuleExample("↓\tfoo(a );"),
            RuleExample("↓\treturn 0 ;"),
            RuleExample("↓\tfoo(a,b);"),
            RuleExample("↓\tx=1;"),
            RuleExample("↓\tif (a==b)"),
            RuleExample("↓\tfor (i = 0;i < n; i++)"),
            RuleExample("↓\tvcpu -> arch = NULL;"),
            RuleExample("↓\tkvm_mmu_reset_context (vcpu);"),
            RuleExample("↓\tarr[ i] = 0;"),
            RuleExample("↓\tidx = gfn %nr_slots;"),
        ],
        nonTriggeringExamples: [
            RuleExample("\tif (!tdp_enabled)"),
            RuleExample("\tfor (;;) {"),
            RuleExample("\tfoo(a, b);"),
            RuleExample("\tx = 1;"),
            RuleExample("\tif (a == b && c != d)"),
            RuleExample("\tvcpu->arch.mmu = NULL;"),
            RuleExample("\tpr_info(\"if(x) a,b x=1 ( y )\\n\");"),
            RuleExample("\t/* if(x) a,b */"),
            RuleExample("#include <linux/kvm_host.h>"),
            RuleExample("#define KVM_FOO(x) (x)"),
            RuleExample("\tstatic const struct foo bar = { .a = 1, .b = 2 };"),
            RuleExample("\tfoo(a,\n\t    b);"),
            RuleExample("\treturn (x);"),
            RuleExample("\tvoid (*fn)(struct kvm_vcpu *vcpu);"),
            RuleExample("\tidx = gfn % nr_slots;"),
            RuleExample("\tmask = BIT(a)|BIT(b);"),
        ])

    static func error(_ text: String) -> (String, Severity) { (text, .error) }
    static func warning(_ text: String) -> (String, Severity) { (text, .warning) }

    static let keywordParen = StyleRegex(#"\b(?:if|while|for|switch)\("#)
    static let braceAfterParen = StyleRegex(#"\(.*\)\{"#)
    static let castBrace = StyleRegex(#"\("# + KernelC.nonPointerType + #"[\s*]*\)\{"#)
    static let braceAfterKeyword = StyleRegex(#"\b(?:else|do)\{"#)
    static let closeBraceThenText = StyleRegex(#"\}(?!(?:,|;|\)|\}))\S"#)
    static let openBracketSpace = StyleRegex(#"\[\s"#)
    static let openBracketAtEnd = StyleRegex(#"\[\s*$"#)
    static let closeBracketSpace = StyleRegex(#"\s\]"#)
    static let openParenSpace = StyleRegex(#"\(\s"#)
    static let openParenAtEnd = StyleRegex(#"\(\s*(?:\\)?$"#)
    static let forEmptyInit = StyleRegex(#"for\s*\(\s+;"#)
    static let closeParenSpace = StyleRegex(#"\s\)"#)
    static let closeParenAtStart = StyleRegex(#"^\s*\)"#)
    static let forEmptyStep = StyleRegex(#"for\s*\(.*;\s+\)"#)
    static let colonSpaceParen = StyleRegex(#":\s+\)"#)
    static let spaceSemicolon = StyleRegex(#"^.*\S\s+;\s*$"#)
    static let functionSpaceParen = StyleRegex("(" + KernelC.ident + #")\s+\("#)
    static let defineBefore = StyleRegex(#"^\s*#\s*define\s*$"#)
    static let elifBefore = StyleRegex(#"^\s*#\s*elif\s*$"#)
    static let include = StyleRegex(#"#\s*include"#)
    static let spacedNames: Set<String> = [
        "if", "for", "while", "switch", "return", "case", "volatile", "__volatile__",
        "__attribute__", "format", "__extension__", "asm", "__asm__", "scoped_guard",
    ]

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        // Where the statement starts only matters for a line's first `:`; most lines
        // have none, so the walk back over the hunk is only done when asked for.
        let colonContext: ColonContext = {
            let head = Self.statementHead(of: line)
            return (head == nil, head)
        }
        let s = line.sanitized
        let messages = line.plainSanitized.map { Self.plainMessages(s, $0, colonContext: colonContext) }
            ?? Self.characterMessages(for: s, colonContext: colonContext)
        for (message, severity) in messages {
            let fixes = message == Self.keywordParenMessage ? Self.keywordParenFixes(line) : []
            findings.report(Self.description, at: line, message, severity: severity, fixes: fixes)
        }
    }

    static let keywordParenMessage = "space required before the open parenthesis '('"

    /// The exact fix for `if(`/`while(`/`for(`/`switch(`: one space after the keyword.
    /// Keywords are found in the sanitized line (never in comments or strings), whose
    /// characters line up with the raw line's; edits are in the raw line's UTF-8 bytes.
    static func keywordParenFixes(_ line: StyleLine) -> [TextEdit] {
        let sanitized = Array(line.sanitized)
        let raw = Array(line.raw)
        guard sanitized.count == raw.count else { return [] }
        // Byte offset of each character of the raw line, computed once (linear).
        var byteOffset = [Int](repeating: 0, count: raw.count + 1)
        for (k, ch) in raw.enumerated() { byteOffset[k + 1] = byteOffset[k] + ch.utf8.count }
        var edits: [TextEdit] = []
        var i = 0
        while i < sanitized.count {
            let boundary = i == 0 || !(sanitized[i - 1].isLetter || sanitized[i - 1].isNumber || sanitized[i - 1] == "_")
            if boundary {
                for keyword in ["if", "while", "for", "switch"] {
                    let end = i + keyword.count
                    guard end < sanitized.count, sanitized[end] == "(",
                          sanitized[i..<end].elementsEqual(keyword) else { continue }
                    let offset = byteOffset[end]
                    edits.append(TextEdit(file: line.path, line: line.number, original: line.raw,
                                          range: offset..<offset, replacement: " "))
                }
            }
            i += 1
        }
        return edits
    }

    /// Whether a line (sanitized) ends a statement, so that the next line starts one:
    /// only there can `name:` be a label rather than the tail of a ternary.
    static func endsStatement(_ s: String) -> Bool {
        var code = s.filter { $0 != KernelSanitizer.commentMark }.trimmingWhitespace()
        // A macro body line: judge it without its continuation backslash.
        if code.hasSuffix("\\") { code = String(code.dropLast()).trimmingWhitespace() }
        guard let last = code.last else { return true }
        // `#define NAME(...) \` ends nothing but starts a body whose first line is a
        // statement start.
        if code.hasPrefix("#") { return true }
        return ";{}:".contains(last)
    }

    /// The first line (sanitized) of the statement this line continues; nil when the
    /// line starts a statement. Preprocessor lines in between are skipped, as they
    /// are for checkpatch's statement tracking; at most 20 lines back in the hunk.
    static func statementHead(of line: StyleLine) -> String? {
        var head: String?
        var i = line.index
        var steps = 0
        while i > 0 && steps < 20 {
            i -= 1
            let previous = line.hunk.lines[i]
            guard previous.kind != .removed else { continue }
            let text = line.sanitizedLines[i]
            let code = text.filter { $0 != KernelSanitizer.commentMark }.trimmingWhitespace()
            if code.hasPrefix("#") && !code.hasSuffix("\\") { continue }
            if endsStatement(text) { break }
            head = text
            steps += 1
        }
        return head
    }

    /// Whether the line starts a statement, and else the first line of the statement
    /// it continues (see `statementHead(of:)`); asked for at most once per line.
    typealias ColonContext = () -> (startsStatement: Bool, statementHead: String?)

    /// Every SPACING message for one sanitized line, in checkpatch's order.
    static func messages(for s: String, startsStatement: Bool = true,
                         statementHead: String? = nil) -> [(String, Severity)] {
        messages(for: s, colonContext: { (startsStatement, statementHead) })
    }

    /// Every SPACING message for one sanitized line: byte-level on plain ASCII lines
    /// (nearly all sanitized lines), the Character and regex path otherwise.
    static func messages(for s: String, colonContext: ColonContext) -> [(String, Severity)] {
        if let plain = PlainASCIILine(s) { return plainMessages(s, plain, colonContext: colonContext) }
        return characterMessages(for: s, colonContext: colonContext)
    }

    /// `messages(for:)` on any line, through Character comparisons and the regexes.
    static func characterMessages(for s: String, colonContext: ColonContext) -> [(String, Severity)] {
        var out: [(String, Severity)] = []
        // Cheap character checks first: each regex below only runs when the line
        // has the characters it looks for.
        let hasSpaceParen = s.contains(" (") || s.contains("\t(")
        // Function name followed by a space and (.
        if hasSpaceParen {
            for m in functionSpaceParen.allMatches(s) {
                guard let name = m.groups[1] else { continue }
                let before = String(s.prefix(m.offset))
                let upToName = before + name
                if spacedNames.contains(name) || defineBefore.matches(before) || elifBefore.matches(upToName)
                    || KernelC.endsWithType(Substring(upToName)) {
                    continue
                }
                out.append(warning("space prohibited between function name and open parenthesis '('"))
            }
        }
        if !(s.contains("#") && include.matches(s)) {
            out += characterOperatorMessages(s, colonContext: colonContext)
        }
        if (s.contains(" ;") || s.contains("\t;")) && spaceSemicolon.matches(s) {
            out.append(warning("space prohibited before semicolon"))
        }
        if s.contains("{"), (braceAfterParen.matches(s) && !castBrace.matches(s)) || braceAfterKeyword.matches(s) {
            out.append(error("space required before the open brace '{'"))
        }
        if s.contains("}"), closeBraceThenText.matches(s) {
            out.append(error("space required after that close brace '}'"))
        }
        if s.contains("["), openBracketSpace.matches(s) && !openBracketAtEnd.matches(s) {
            out.append(error("space prohibited after that open square bracket '['"))
        }
        if s.contains("]"), closeBracketSpace.matches(s) {
            out.append(error("space prohibited before that close square bracket ']'"))
        }
        if s.contains("("), openParenSpace.matches(s) && !openParenAtEnd.matches(s) && !forEmptyInit.matches(s) {
            out.append(error("space prohibited after that open parenthesis '('"))
        }
        if s.contains(")"), closeParenSpace.matches(s) && !closeParenAtStart.matches(s) && !forEmptyStep.matches(s)
            && !colonSpaceParen.matches(s) {
            out.append(error("space prohibited before that close parenthesis ')'"))
        }
        if s.contains("("), keywordParen.matches(s) {
            out.append(error(keywordParenMessage))
        }
        return out
    }

    /// The operators of C, longest first (the order decides how `<<=` or `->` split).
    static let operators = [
        "<<=", ">>=", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "^=", "|=", "&=",
        "=>", "->", "<<", ">>", "<", ">", "=", "!", "~", "&&", "||", ",", "^", "++", "--",
        "&", "|", "+", "-", "*", "/", "%", "?:", "?", ":", ";",
    ].map(Array.init)
    /// The ones that always want a space on both sides (or neither neighbour code).
    static let spacedOperators: Set<String> = [
        "<<=", ">>=", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "^=", "|=", "&=",
        "=>", "<", ">", "=", "&&", "||",
    ]

    /// What the first `:` of a line is: a case or label terminator (no space before
    /// it), a bitfield width (not checked), or a ternary/asm colon (spaces around it).
    enum ColonKind {
        case caseOrLabel, bitfield, other

        /// `case`/`default` and labels are only recognised where a statement starts
        /// (or continues a `case` started on an earlier line, `case A ...\n B:`), like
        /// checkpatch's annotation; after a macro call without `;` the colon is
        /// taken for an ordinary one.
        init(_ line: String, startsStatement: Bool, statementHead: String? = nil) {
            if let head = statementHead {
                self = ColonKind.caseLine.matches(head) ? .caseOrLabel : .other
            } else if ColonKind.caseLine.matches(line) || ColonKind.caseInMacro.matches(line)
                || (startsStatement && !line.contains("?") && ColonKind.label.matches(line)) {
                self = .caseOrLabel
            } else if !line.contains("?") && ColonKind.bitfieldLine.matches(line) {
                self = .bitfield
            } else {
                self = .other
            }
        }

        static let caseLine = StyleRegex(#"^\s*(?:case\b|default\s*:)"#)
        static let caseInMacro = StyleRegex(#"^\s*#\s*define\b[^:]*\bcase\b[^:]*:"#)
        static let label = StyleRegex(#"^\s*[A-Za-z_]\w*\s*:(?!:)"#)
        static let bitfieldLine = StyleRegex(#"^\s*(?:(?:unsigned|signed|const|volatile|struct|union|enum)\s+)*[A-Za-z_]\w*\s+\**[A-Za-z_]\w*\s*:\s*[\w()+\-* ]+[;,]"#)
    }

    /// Binary-only operators that may have spaces on both sides or neither, not one.
    static let consistentOperators: Set<String> = ["<<", ">>", "^", "|", "/", "%"]

    /// Splits the line into code / operator / code ... and applies checkpatch's
    /// context letters: W whitespace, E line edge, C comment, B bracket, O operator,
    /// V anything else.
    static func characterOperatorMessages(_ sanitized: String, colonContext: ColonContext) -> [(String, Severity)] {
        let line = Array(" " + sanitized)  // checkpatch replaces the diff marker by a space
        // Tokenize: operator positions, and the code between them.
        var found: [(op: String, start: Int, end: Int)] = []
        var i = 0
        scan: while i < line.count {
            for op in operators where i + op.count <= line.count && line[i] == op[0]
                && Array(line[i..<(i + op.count)]) == op {
                found.append((String(op), i, i + op.count))
                i += op.count
                continue scan
            }
            i += 1
        }
        let cm = KernelSanitizer.commentMark
        func isSpace(_ c: Character?) -> Bool { c == " " || c == "\t" }
        var out: [(String, Severity)] = []
        let firstColon = found.firstIndex { $0.op == ":" } ?? -1
        var colonKindCache: ColonKind?
        func colonKind() -> ColonKind {
            if let kind = colonKindCache { return kind }
            let (startsStatement, statementHead) = colonContext()
            let kind = ColonKind(sanitized, startsStatement: startsStatement, statementHead: statementHead)
            colonKindCache = kind
            return kind
        }
        for (n, token) in found.enumerated() {
            let op = token.op
            let leftStart = n == 0 ? 0 : found[n - 1].end
            let left = line[leftStart..<token.start]
            let rightEnd = n + 1 < found.count ? found[n + 1].start : line.count
            let right = line[token.end..<rightEnd]
            let rest = line[token.end...]
            let before = line[..<token.start]

            var a = "V"
            if isSpace(left.last) { a = "W" }
            if left.last == cm { a = "C" }
            if left.last == "(" || left.last == "[" { a = "B" }
            if left.isEmpty { a = "O" }
            if before.allSatisfy(isSpace) { a = "E" }

            var c = "V"
            if n == found.count - 1 && right.isEmpty {
                c = "E"  // Perl's split drops the empty field after a final operator
            } else {
                if isSpace(right.first) { c = "W" }
                if right.first == cm { c = "C" }
                if let f = right.first, f == ")" || f == "]" || f == ";" { c = "B" }
                if right.isEmpty { c = "O" }
                if Array(right.drop(while: isSpace)) == ["\\"] { c = "E" }
            }
            let at = "(ctx:\(a)x\(c))"
            switch op {
            case ";":
                if !"WEBC".contains(c), rest.first != "\\", rest.first != ";" {
                    out.append(("space required after that ';' \(at)", .error))
                }
            case "->":
                if a == "W" || c == "W" { out.append(("spaces prohibited around that '->' \(at)", .error)) }
            case ",":
                if a == "W" { out.append(("space prohibited before that ',' \(at)", .error)) }
                if !"WEC".contains(c), rest.first != "}" {
                    out.append(("space required after that ',' \(at)", .error))
                }
            case ":", "?", "?:":
                // `::` in asm operand lists.
                if op == ":" && (before.last == ":" || rest.first == ":") { break }
                if op == ":" && n == firstColon {
                    switch colonKind() {
                    case .caseOrLabel:
                        if a == "W" { out.append(("space prohibited before that ':' \(at)", .error)) }
                        continue
                    case .bitfield:
                        continue
                    case .other:
                        break
                    }
                }
                // A ternary without spaces on either side is only a --strict CHECK.
                if a == "V" && c == "V" { break }
                if !("EWC".contains(a) && "CWE".contains(c)) {
                    out.append(("spaces required around that '\(op)' \(at)", .error))
                }
            case _ where consistentOperators.contains(op):
                if (a == "W" && !"WCE".contains(c)) || (!"WCE".contains(a) && c == "W") {
                    out.append(("need consistent spacing around '\(op)' \(at)", .error))
                }
            default:
                guard spacedOperators.contains(op), !("EWC".contains(a) && "CWE".contains(c)) else { break }
                // An email address <foo@bar> is not a comparison.
                let restText = String(rest), beforeText = String(before)
                if op == "<", restText.range(of: #"^\S+@\S+>"#, options: .regularExpression) != nil { break }
                if op == ">", beforeText.range(of: #"<\S+@\S+$"#, options: .regularExpression) != nil { break }
                out.append(("spaces required around that '\(op)' \(at)", .error))
            }
        }
        return out
    }
}
