import Foundation
import Testing
import TestSupport

/// The patch the project exists for (shared/seed), rebuilt as a commit by the shared
/// script at test time. Skipped, visibly, when shared/ is not next to the checkout.
@Suite("Seed patch")
struct SeedPatchTests {
    static let seedScript = SharedData.root?.appendingPathComponent("seed/make-seed-repo.sh")

    func seedRepo() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID())")
        let result = try Subprocess.run("/bin/bash", [Self.seedScript!.path, dir.path],
                                        environment: GitFixture.environment)
        guard result.status == 0 else { throw FixtureError("make-seed-repo.sh failed: \(result.stderrText)") }
        return dir
    }

    struct Finding: Hashable { var rule: String; var file: String?; var line: Int }

    func findings(_ result: Subprocess.Result) throws -> [Finding] {
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let diagnostics = try #require(doc["diagnostics"] as? [[String: Any]])
        return diagnostics.map {
            Finding(rule: $0["rule"] as! String, file: $0["file"] as? String, line: $0["line"] as! Int)
        }
    }

    @Test("base..seed: one commit, SYMBOLIC_PERMS 0644 on the module_param line, nothing on context lines",
          .enabled(if: seedScript != nil, "shared/seed is not next to the checkout: skipped"))
    func seedFromGit() throws {
        let repo = try seedRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let result = try ProductBinary.run(["base..seed", "--format", "json"], directory: repo.path)
        #expect(result.status == 0 || result.status == 1)
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let commits = try #require(doc["commits"] as? [[String: Any]])
        #expect(commits.count == 1)
        #expect(commits.first?["subject"] as? String == "kvm: mmu: Init / Uninit the direct MMU")

        // Where the permission line is, from the post-image itself.
        let mmu = try String(contentsOf: repo.appendingPathComponent("arch/x86/kvm/mmu.c"), encoding: .utf8)
        let lines = mmu.split(separator: "\n", omittingEmptySubsequences: false)
        let permsLine = try #require(lines.firstIndex { $0.contains("S_IRUGO | S_IWUSR") }) + 1
        let oldIfLine = try #require(lines.firstIndex { $0.contains("if(make_mmu_pages_available") }) + 1

        let all = try findings(result)
        #expect(all.contains(Finding(rule: "SYMBOLIC_PERMS", file: "arch/x86/kvm/mmu.c", line: permsLine)))
        let diagnostics = doc["diagnostics"] as! [[String: Any]]
        let perms = try #require(diagnostics.first { $0["rule"] as? String == "SYMBOLIC_PERMS" })
        #expect(perms["suggestion"] as? String == "0644")
        #expect(!all.contains { $0.file == "arch/x86/kvm/mmu.c" && $0.line == oldIfLine },
                "a context line was reported")
    }

    @Test("git format-patch --stdout base..seed | mmu-review - gives the same (rule, file, line) set as the git range",
          .enabled(if: seedScript != nil, "shared/seed is not next to the checkout: skipped"))
    func seedFromMail() throws {
        let repo = try seedRepo()
        defer { try? FileManager.default.removeItem(at: repo) }
        let fromGit = try findings(try ProductBinary.run(["base..seed", "--format", "json"], directory: repo.path))
        let mail = try Subprocess.run("/usr/bin/git", ["format-patch", "--thread", "--stdout", "base..seed"],
                                      directory: repo.path, environment: GitFixture.environment)
        #expect(mail.status == 0)
        let viaStdin = try ProductBinary.run(["-", "--format", "json"], directory: repo.path, input: mail.stdout)
        let fromMail = try findings(viaStdin)
        #expect(!fromGit.isEmpty)
        #expect(Set(fromMail) == Set(fromGit))
        let doc = try #require(JSONSerialization.jsonObject(with: viaStdin.stdout) as? [String: Any])
        let commit = try #require((doc["commits"] as? [[String: Any]])?.first)
        #expect((commit["sha"] as? String)?.contains("@") == true)  // the Message-Id for mail input
        #expect(commit["subject"] as? String == "kvm: mmu: Init / Uninit the direct MMU")
    }
}
