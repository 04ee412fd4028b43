import Testing
@testable import PatchLint

@Suite("C lexer")
struct LexerTests {
    @Test("kinds, texts and positions of tokens")
    func kindsAndPositions() {
        let tokens = CLexer.tokenize(["\tx->y >>= 0x1fUL; s = \"a\\\"b\"; c = '\\n'; // done"], keepComments: true)
        #expect(tokens.map(\.text) == ["x", "->", "y", ">>=", "0x1fUL", ";", "s", "=", "\"a\\\"b\"", ";",
                                       "c", "=", "'\\n'", ";", "// done"])
        #expect(tokens.map(\.kind) == [.identifier, .punct, .identifier, .punct, .number, .punct,
                                       .identifier, .punct, .string, .punct, .identifier, .punct,
                                       .char, .punct, .comment])
        #expect(tokens[0].column == 1)
        #expect(tokens[2].column == 4)
    }

    @Test("block comments run across lines and hide their content")
    func blockComments() {
        let tokens = CLexer.tokenize(["a = 1; /* BUG_ON(x)", " * still comment BUG()", " */ b = 2;"])
        #expect(tokens.map(\.text) == ["a", "=", "1", ";", "b", "=", "2", ";"])
        #expect(tokens.last?.line == 2)
    }

    @Test("a directive continued with a backslash is one directive")
    func continuedDirective() {
        let tokens = CLexer.tokenize(["#define id(v) \\", "\t((v)->x ? 1 : 0)", "int after;"])
        let directive = tokens.filter(\.inDirective)
        #expect(directive.first?.text == "#")
        #expect(directive.last?.text == ")")
        #expect(!directive.contains { $0.text == "\\" })
        #expect(tokens.filter { !$0.inDirective }.map(\.text) == ["int", "after", ";"])
    }

    @Test("numbers with exponents and suffixes are one token")
    func numbers() {
        let tokens = CLexer.tokenize(["1e+5 0644 1.5f 0x10 .5"])
        #expect(tokens.map(\.text) == ["1e+5", "0644", "1.5f", "0x10", ".5"])
        #expect(tokens.allSatisfy { $0.kind == .number })
    }

    @Test("a statement spanning lines is one statement with its call arguments")
    func statementsAcrossLines() {
        let lines = [
            "static bool __read_mostly flag;",
            "module_param_named(name, flag, bool,",
            "\t\t   S_IRUGO | S_IWUSR);",
        ]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(tokens)
        #expect(statements.count == 2)
        let call = CCallFinder.calls(in: tokens, range: statements[1].range).first
        #expect(call?.name == "module_param_named")
        #expect(call?.arguments.map { CCallFinder.text(of: $0, in: tokens) }
                == ["name", "flag", "bool", "S_IRUGO | S_IWUSR"])
        #expect(call.map { $0.isComplete(in: tokens) } == true)
        #expect(tokens[statements[1].range.lowerBound].line == 1)
    }

    @Test("nested calls are found with their own top-level arguments")
    func nestedCalls() {
        let tokens = CLexer.tokenize(["if (WARN_ONCE(!f(a, b), \"x, y\")) return;"])
        let calls = CCallFinder.calls(in: tokens)
        #expect(calls.map(\.name) == ["WARN_ONCE", "f"])
        #expect(calls[0].arguments.map { CCallFinder.text(of: $0, in: tokens) } == ["!f(a, b)", "\"x, y\""])
    }

    @Test("scopes: functions, structs, and a hunk heading")
    func scopes() {
        let lines = [
            "\tbool old_member;",
            "};",
            "",
            "static int helper(struct kvm *kvm)",
            "{",
            "\tif (x) {",
            "\t\ty = 1;",
            "\t}",
            "\treturn 0;",
            "}",
            "int global;",
        ]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(
            tokens, initialScopes: CStatementSplitter.scopes(fromSectionHeading: "struct kvm_arch {"))
        func statement(startingAt line: Int) -> CStatement? {
            statements.first { tokens[$0.range.lowerBound].line == line }
        }
        #expect(statement(startingAt: 0)?.aggregate?.name == "kvm_arch")
        #expect(statement(startingAt: 6)?.function == "helper")
        #expect(statement(startingAt: 8)?.function == "helper")
        #expect(statement(startingAt: 10)?.isFileScope == true)
    }

    @Test("a heading naming a function that already ended does not leak into file scope")
    func staleHeading() {
        let lines = ["}", "EXPORT_SYMBOL_GPL(kvm_disable_tdp);", "", "static bool x;"]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(
            tokens, initialScopes: CStatementSplitter.scopes(fromSectionHeading: "void kvm_disable_tdp(void)"))
        #expect(statements.last?.isFileScope == true)
        #expect(statements.count == 3)
    }

    @Test("a hunk starting inside a parameter list opens the named function, not a struct")
    func parameterListTail() {
        let lines = ["\t\t\t\t     const struct kvm_memory_slot *new,", "\t\t\t\t     enum kvm_mr_change change)",
                     "{", "\tint old_flags = 0;"]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(
            tokens, initialScopes: CStatementSplitter.scopes(fromSectionHeading: "static void commit_region(struct kvm *kvm,"))
        #expect(statements.last?.function == "commit_region")
        #expect(statements.last?.aggregate == nil)
    }

    @Test("initializers stay inside their statement")
    func initializers() {
        let lines = ["static const int t[] = {", "\t1, 2,", "};", "int after;"]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(tokens)
        #expect(statements.count == 2)
    }

    @Test("assignments: member targets through subscripts, compound operators, increments")
    func assignments() {
        let tokens = CLexer.tokenize(["kvm->arch.roots[i] = page_to_phys(page); n += 2; stat++; if (a == b) c = d;"])
        let found = CExpressions.assignments(in: tokens, range: tokens.indices)
        #expect(found.map { tokens[$0.target].text } == ["roots", "n", "stat", "c"])
        #expect(found.map(\.isMember) == [true, false, false, false])
        #expect(found.map(\.op) == ["=", "+=", "++", "="])
        #expect(CCallFinder.text(of: found[0].lhs, in: tokens) == "kvm->arch.roots[i]")
        #expect(CCallFinder.text(of: found[0].rhs, in: tokens) == "page_to_phys(page)")
    }

    @Test("deep nesting keeps the function and the depth")
    func deepNesting() {
        let lines = ["static int f(void)", "{"] + Array(repeating: "\tif (x) {", count: 2000)
            + ["\t\ty = 1;"] + Array(repeating: "\t}", count: 2000) + ["}", "int after;"]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(tokens)
        let inner = statements.first { tokens[$0.range.lowerBound].isIdentifier("y") }
        #expect(inner?.depth == 2001)
        #expect(inner?.function == "f")
        #expect(inner?.named.count == 1)
        #expect(statements.last?.isFileScope == true)
    }

    @Test("unbalanced and absurd input does not trap")
    func hostileInput() {
        let lines = [String(repeating: "(", count: 20000) + String(repeating: "}", count: 300),
                     "\"unterminated \\", "'", "/* open comment", "#define X \\", "0x1e+5e-3 .. ... ->->"]
        let tokens = CLexer.tokenize(lines)
        let statements = CStatementSplitter.split(tokens)
        #expect(!tokens.isEmpty)
        #expect(statements.allSatisfy { $0.depth >= 0 })
        #expect(CCallFinder.calls(in: tokens).isEmpty)
    }
}
