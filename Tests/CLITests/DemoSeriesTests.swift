import Foundation
import Testing
import TestSupport

/// The bundled example series: the mbox in examples/ is exactly what the script
/// produces, and the demo repository reviews as the README promises.
@Suite("Demo series")
struct DemoSeriesTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    @Test("examples/demo-series.mbox is the output of make-demo-repo.sh, and the repo reviews")
    func demo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID())")
        let mbox = dir.path + ".mbox"
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(atPath: mbox)
        }
        let made = try Subprocess.run("/bin/bash", [Self.examples.appendingPathComponent("make-demo-repo.sh").path,
                                                    dir.path, mbox], environment: GitFixture.environment)
        #expect(made.status == 0, "\(made.stderrText)")
        let fresh = try Data(contentsOf: URL(fileURLWithPath: mbox))
        let shipped = try Data(contentsOf: Self.examples.appendingPathComponent("demo-series.mbox"))
        #expect(fresh == shipped, "examples/demo-series.mbox is stale: regenerate it with make-demo-repo.sh")

        let review = try ProductBinary.run(["HEAD~5..HEAD", "--format", "json"], directory: dir.path)
        #expect(review.status == 1)  // the series has errors on purpose
        let doc = try #require(JSONSerialization.jsonObject(with: review.stdout) as? [String: Any])
        #expect((doc["commits"] as? [Any])?.count == 5)
        let rules = Set(((doc["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["SYMBOLIC_PERMS", "TRAILING_WHITESPACE", "MISSING_SIGN_OFF"]))
    }
}
