/// A scope a statement sits in, as far as a hunk shows it.
public enum CScope: Sendable, Hashable {
    /// Inside the body of the named function.
    case function(String)
    /// Inside `struct NAME {`, `union NAME {` or `enum NAME {` (name may be empty).
    case aggregate(keyword: String, name: String)
    /// Any other braces: a compound statement, an initializer, a nested block.
    case block
}

/// One statement (or statement head) of C code: everything up to a `;`, a `{` or a
/// `}` at parenthesis depth 0, or one whole preprocessor directive.
///
/// `if (x) return y;` is one statement; `if (x) {` is a statement that opens a block;
/// `}` is a statement of its own. Initializers (`= { ... }`) stay inside the statement.
public struct CStatement: Sendable, Hashable {
    /// A function or struct/union/enum scope and how deep it sits (0 = at file scope).
    public struct NamedScope: Sendable, Hashable {
        public var scope: CScope
        public var depth: Int
    }

    /// Indices into the token array the statement was split from.
    public var range: Range<Int>
    /// How many braces are open around the statement (0 at file scope).
    public var depth: Int
    /// The function and aggregate scopes around the statement, outermost first. Plain
    /// blocks are only counted in `depth`, so that deep nesting costs no memory per
    /// statement.
    public var named: [NamedScope]

    public init(range: Range<Int>, depth: Int, named: [NamedScope]) {
        self.range = range
        self.depth = depth
        self.named = named
    }

    /// The innermost enclosing function, if any.
    public var function: String? {
        for entry in named.reversed() { if case .function(let name) = entry.scope { return name } }
        return nil
    }

    /// The innermost enclosing struct/union/enum, if the statement sits directly in it.
    public var aggregate: (keyword: String, name: String)? {
        guard let last = named.last, last.depth == depth - 1,
              case .aggregate(let keyword, let name) = last.scope else { return nil }
        return (keyword, name)
    }

    public var isFileScope: Bool { depth == 0 }
}

/// Splits tokens into statements and tracks which function or struct each one is in.
public enum CStatementSplitter {
    /// - Parameters:
    ///   - tokens: tokens without comments.
    ///   - initialScopes: where the first token sits, e.g. from a hunk's section heading.
    public static func split(_ tokens: [CToken], initialScopes: [CScope] = []) -> [CStatement] {
        var statements: [CStatement] = []
        var depth = 0
        var named: [CStatement.NamedScope] = []
        func push(_ scope: CScope) {
            if scope != .block { named.append(CStatement.NamedScope(scope: scope, depth: depth)) }
            depth += 1
        }
        func pop() {
            guard depth > 0 else { return }
            depth -= 1
            if named.last?.depth == depth { named.removeLast() }
        }
        for scope in initialScopes { push(scope) }
        var start = 0
        var parenDepth = 0
        var initializerDepth = 0
        var i = 0

        func close(_ end: Int) {
            if end > start { statements.append(CStatement(range: start..<end, depth: depth, named: named)) }
            start = end
            parenDepth = 0
            initializerDepth = 0
        }

        while i < tokens.count {
            let token = tokens[i]
            if i == start {
                if resetsScopesAtColumnZero(token, tokens: tokens, at: i, depth: depth) {
                    depth = 0
                    named.removeAll()
                }
            }
            if token.inDirective {
                // A directive is its own statement; close what came before it.
                close(i)
                var end = i
                while end < tokens.count, tokens[end].inDirective,
                      end == i || !startsDirective(tokens, at: end) { end += 1 }
                start = i
                close(end)
                i = end
                continue
            }
            if token.kind == .punct {
                switch token.text {
                case "(", "[":
                    parenDepth += 1
                case ")", "]":
                    parenDepth = max(0, parenDepth - 1)
                case ";" where parenDepth == 0 && initializerDepth == 0:
                    close(i + 1)
                    i += 1
                    continue
                case "{":
                    if parenDepth > 0 || initializerDepth > 0 || (i > start && tokens[i - 1].isPunct("=")) {
                        initializerDepth += 1
                    } else {
                        let scope = classify(tokens[start..<i], insideFunction: named.contains {
                            if case .function = $0.scope { return true }
                            return false
                        })
                        close(i + 1)
                        push(scope)
                        i += 1
                        continue
                    }
                case "}":
                    if initializerDepth > 0 {
                        initializerDepth -= 1
                    } else {
                        close(i)
                        pop()
                        start = i
                        close(i + 1)
                        i += 1
                        continue
                    }
                default:
                    break
                }
            }
            i += 1
        }
        close(tokens.count)
        return statements
    }

    static func startsDirective(_ tokens: [CToken], at i: Int) -> Bool {
        tokens[i].isPunct("#") && (i == 0 || tokens[i - 1].line != tokens[i].line)
    }

    /// Kernel style puts only file-scope code (and labels) at column 0: a statement that
    /// starts there while we believe we are inside a function means the hunk's heading
    /// named a function that had already ended.
    static func resetsScopesAtColumnZero(_ token: CToken, tokens: [CToken], at i: Int, depth: Int) -> Bool {
        guard token.column == 0, depth > 0, token.kind == .identifier, !token.inDirective
        else { return false }
        let isLabel = i + 1 < tokens.count && tokens[i + 1].isPunct(":")
        return !isLabel
    }

    /// What a `{` opens, judged from the statement head before it. A head with a `)`
    /// but no `(` is the tail of a parameter list that started before the hunk: its
    /// brace opens the body of the function the heading named (a plain block inside
    /// that function scope).
    static func classify(_ head: ArraySlice<CToken>, insideFunction: Bool) -> CScope {
        let significant = head.filter { $0.kind != .comment }
        if let keywordIndex = significant.firstIndex(where: {
            $0.kind == .identifier && ["struct", "union", "enum"].contains($0.text)
        }), !significant.contains(where: { $0.isPunct("(") || $0.isPunct(")") || $0.isPunct("=") }) {
            let after = significant[(keywordIndex + 1)...]
            let name = after.first { $0.kind == .identifier }?.text ?? ""
            return .aggregate(keyword: significant[keywordIndex].text, name: name)
        }
        if !insideFunction, let name = functionName(in: Array(significant)) {
            return .function(name)
        }
        return .block
    }

    /// The name of the function a definition head (`static int foo(struct kvm *kvm)`)
    /// defines: the identifier before the first `(` at depth 0, when it is not a keyword.
    public static func functionName(in head: [CToken]) -> String? {
        guard let open = head.firstIndex(where: { $0.isPunct("(") }), open > 0 else { return nil }
        let candidate = head[open - 1]
        guard candidate.kind == .identifier, !CKeywords.control.contains(candidate.text),
              !CKeywords.all.contains(candidate.text) else { return nil }
        // `x = foo(` is an expression, not a definition.
        if head[..<open].contains(where: { $0.isPunct("=") || $0.isPunct("->") || $0.isPunct(".") }) {
            return nil
        }
        return candidate.text
    }

    /// The scopes a hunk starts in, from git's section heading (the last line before
    /// the hunk that starts with a letter: usually a function or struct head).
    public static func scopes(fromSectionHeading heading: String) -> [CScope] {
        let tokens = CLexer.tokenize([heading])
        guard let first = tokens.first, !tokens.contains(where: { $0.isPunct(";") }) else { return [] }
        if first.isPunct("#") { return [] }
        if tokens.last?.isPunct("{") == true {
            return [classify(tokens.dropLast()[...], insideFunction: false)]
        }
        if let name = functionName(in: tokens) { return [.function(name)] }
        return []
    }
}
