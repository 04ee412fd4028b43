import Foundation
import Testing
@testable import PatchLint

@Test func scratchSeed() throws {
    guard let text = try? String(contentsOfFile: "/tmp/seed.patch", encoding: .utf8) else { return }
    let series = Series(patches: [GitShowFixture.patch(text)])
    for d in ReviewEngine(rules: RuleRegistry.all).review(series) {
        print("SCRATCH \(d.file ?? "-"):\(d.line) \(d.severity) \(d.ruleID): \(d.message) || \(d.suggestion ?? "")")
    }
}
