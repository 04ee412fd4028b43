import Testing
@testable import PatchLint

@Suite("Rule examples")
struct RuleExampleTests {
    @Test("every triggering example fires, on exactly the marked lines",
          arguments: RuleRegistry.all.map { $0.description.id })
    func triggering(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(!rule.description.triggeringExamples.isEmpty)
        for example in rule.description.triggeringExamples {
            let outcome = RuleExampleRunner.run(rule, on: example)
            #expect(!outcome.diagnostics.isEmpty, "\(id) did not fire on \(example.commits)")
            if !outcome.marks.isEmpty {
                let found = Set(outcome.diagnostics.map {
                    RuleExampleRunner.Mark(commit: $0.patchIndex, path: $0.file ?? "", line: $0.line)
                })
                #expect(found == outcome.marks, "\(id): reported \(found), marked \(outcome.marks)")
            }
        }
    }

    @Test("no non-triggering example fires", arguments: RuleRegistry.all.map { $0.description.id })
    func nonTriggering(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(!rule.description.nonTriggeringExamples.isEmpty)
        for example in rule.description.nonTriggeringExamples {
            let outcome = RuleExampleRunner.run(rule, on: example)
            #expect(outcome.diagnostics.isEmpty, "\(id) fired on \(example.commits): \(outcome.diagnostics)")
        }
    }
}
