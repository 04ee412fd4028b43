import Foundation
import Testing
import TestSupport

/// The acceptance check on the seed patch through the binary: both semantic
/// findings are errors with witnesses in the JSON, and --explain-semantics says how each
/// condition was bound.
@Suite("Semantic validation on the seed")
struct SemanticCLITests {
    static let seedScript = SharedData.root?.appendingPathComponent("seed/make-seed-repo.sh")

    func seedRepo() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seed-semantic-\(UUID())")
        let result = try Subprocess.run("/bin/bash", [Self.seedScript!.path, dir.path], environment: GitFixture.environment)
        guard result.status == 0 else { throw FixtureError("make-seed-repo.sh failed: \(result.stderrText)") }
        return dir
    }

    @Test("USER_TRIGGERABLE_WARN and AVOID_BUG are errors with model witnesses",
          .enabled(if: seedScript != nil, "shared/seed is not next to the checkout: skipped"))
    func witnesses() throws {
        let repo = try seedRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let result = try ProductBinary.run(["base..seed", "--format", "json"], directory: repo.path)
        #expect(result.status == 1)
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let diagnostics = try #require(doc["diagnostics"] as? [[String: Any]])
        func one(_ rule: String) throws -> [String: Any] {
            try #require(diagnostics.first { $0["rule"] as? String == rule }, "\(rule) missing")
        }
        let warn = try one("USER_TRIGGERABLE_WARN")
        #expect(warn["severity"] as? String == "error")
        let warnWitness = try #require(warn["witness"] as? String)
        #expect(warnWitness.contains("tdp=off (kvm_intel.ept=0)"))
        #expect(warnWitness.contains("kvm.enable_direct_mmu=1"))
        #expect(warnWitness.hasSuffix("create VM -> WARN fires"))
        let bug = try one("AVOID_BUG")
        #expect(bug["severity"] as? String == "error")
        let bugWitness = try #require(bug["witness"] as? String)
        #expect(bugWitness.hasPrefix("host: 5-level TDP paging"))
        #expect(bugWitness.hasSuffix("-> BUG fires"))
    }

    @Test("--explain-semantics prints the bindings after a text report, on stderr with JSON",
          .enabled(if: seedScript != nil, "shared/seed is not next to the checkout: skipped"))
    func explain() throws {
        let repo = try seedRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let text = try ProductBinary.run(["base..seed", "--explain-semantics"], directory: repo.path)
        let out = String(decoding: text.stdout, as: UTF8.self)
        #expect(out.contains("semantics:"))
        #expect(out.contains("    bound: tdp_enabled -> host.tdp"))
        #expect(out.contains("  evaluated at: root-load (mmu_alloc_direct_roots)"))
        let json = try ProductBinary.run(["base..seed", "--format", "json", "--explain-semantics"], directory: repo.path)
        #expect((try? JSONSerialization.jsonObject(with: json.stdout)) != nil, "JSON stays parseable")
        #expect(json.stderrText.contains("    bound: PT64_ROOT_4LEVEL = 4"))
    }
}
