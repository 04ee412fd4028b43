import Testing
@testable import PatchLint

/// Inputs the fuzz targets (docs/fuzzing.md) showed to be a problem, one test each.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// A 20,000-operand `&&` chain parsed (the loop does not recurse) into a left-deep tree
    /// that `text`, the binder and `==` then walked recursively: stack overflow. Chains
    /// longer than `maxOperators` are now refused as unknown.
    @Test func longOperatorChainIsRefusedNotOverflowed() throws {
        let chain = Array(repeating: "a", count: 20_000).joined(separator: " && ")
        guard case .failure(let failure) = ConditionParser.parse(chain) else {
            Issue.record("a 20,000-operand chain was accepted")
            return
        }
        #expect(failure.reason.contains("operators"))
        let mixed = Array(repeating: "x->y == 1", count: 5_000).joined(separator: " || ")
        if case .success = ConditionParser.parse(mixed) { Issue.record("a 5,000-operand chain was accepted") }

        // Real conditions stay well inside the bound, and its edge is exact.
        let atLimit = Array(repeating: "a", count: ConditionParser.maxOperators + 1).joined(separator: " | ")
        let parsed = try ConditionParser.parse(atLimit).get()
        #expect(parsed.text.hasSuffix(" | a"))
        let overLimit = atLimit + " | a"
        if case .success = ConditionParser.parse(overLimit) { Issue.record("maxOperators + 1 operators were accepted") }
    }
}

@Suite("Fuzz regressions: C calls")
struct FuzzCallRegressionTests {
    /// Nested calls that never close (`f(f(f(...`) made the call finder scan every call to
    /// the end of the range: quadratic (2,000 took over 20 s in the sanitizer build). The
    /// one-pass finder must give what finding each call on its own gives, and finish on
    /// 50,000 of them (the quadratic version would run for minutes in a debug build).
    @Test func unclosedNestedCallsAreFoundInOnePass() {
        let small = CLexer.tokenize(["if (f(a, g(b, [c, d]), {e, f}) && h(i)(j) ) x = k(l,", "m(n]"])
        let byName = small.indices.filter {
            small[$0].kind == .identifier && $0 + 1 < small.count && small[$0 + 1].isPunct("(")
                && !CKeywords.control.contains(small[$0].text)
        }.map { CCallFinder.call(named: $0, in: small) }
        #expect(CCallFinder.calls(in: small) == byName)
        #expect(CCallFinder.calls(in: small).map(\.name) == ["f", "g", "h", "k", "m"])
        #expect(CCallFinder.calls(in: small, range: 2..<9) == byName.filter { $0.nameIndex < 8 }.map {
            CCallFinder.call(named: $0.nameIndex, in: small, limit: 9)
        })

        // One `f(a, ` a line: a single 250 kB line would be an oversized line, which
        // the lexer leaves alone; the tokens are the same either way.
        let deep = CLexer.tokenize(Array(repeating: "f(a, ", count: 50_000))
        let calls = CCallFinder.calls(in: deep)
        #expect(calls.count == 50_000)
        #expect(calls.allSatisfy { !$0.isComplete(in: deep) && $0.closeIndex == deep.count })
        // The innermost `f(a, ` has one argument; the empty one after its comma is cut off.
        #expect(calls.last?.arguments == [(deep.count - 2)..<(deep.count - 1)])
    }
}

@Suite("Fuzz regressions: C assignments")
struct FuzzAssignmentRegressionTests {
    /// Each assignment's right-hand side was found by scanning to its end: quadratic on
    /// chained assignments (`a = a = a = ...`, 8,000 took 20 s in a debug build). The
    /// one-pass ends must equal `expressionEnd` everywhere, and 50,000 must finish.
    @Test func chainedAssignmentsAreLinear() {
        let tokens = CLexer.tokenize(["x = f(a, b[c = 1]) + { d, e }, y |= (z = 2); w = ]", "v = 3"])
        for range in [tokens.indices, 2..<9, 0..<0, 5..<tokens.count] {
            let ends = CExpressions.expressionEnds(tokens, range: range)
            for p in range.lowerBound...range.upperBound {
                #expect(ends(p) == CExpressions.expressionEnd(tokens, from: p, limit: range.upperBound), "from \(p) in \(range)")
            }
        }
        let assignments = CExpressions.assignments(in: tokens, range: tokens.indices)
        #expect(assignments.map { tokens[$0.target].text } == ["x", "c", "y", "z", "w", "v"])

        let chain = CLexer.tokenize(Array(repeating: "a = ", count: 50_000) + ["b;"])
        let chained = CExpressions.assignments(in: chain, range: chain.indices)
        #expect(chained.count == 50_000)
        #expect(chained.allSatisfy { $0.rhs.upperBound == chain.count - 1 })
    }
}
