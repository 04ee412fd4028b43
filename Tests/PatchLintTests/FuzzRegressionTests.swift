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
