import Foundation
import Testing
import TestSupport

/// `mmu-review ci` as GitHub, GitLab and a plain CI job call it.
@Suite("CI gate")
struct CICommandTests {
    /// master with one clean commit; `topic` adds `count` symbolic-permission lines
    /// (one warning each) in one commit on top.
    func fixture(warnings count: Int = 1) throws -> (GitFixture, base: String, head: String) {
        let f = try GitFixture()
        try f.write("a.c", "int a;\n")
        let base = try f.commit("a: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        try f.git("checkout", "-q", "-b", "topic")
        let lines = (0..<count).map { "module_param(p\($0), bool, S_IRUGO);" }.joined(separator: "\n")
        try f.write("a.c", "int a;\n" + lines + "\n")
        let head = try f.commit("a: params\n\nParams.\n\nSigned-off-by: Ann Author <ann@example.org>")
        return (f, base, head)
    }

    @Test("--base REF reviews REF..HEAD and writes SARIF")
    func base() throws {
        let (f, _, head) = try fixture()
        let sarif = f.path + "/review.sarif"
        let result = try ProductBinary.run(["ci", "--base", "master", "--sarif", sarif, "--fail-on", "warning"],
                                           directory: f.path)
        #expect(result.status == 1)
        #expect(result.stderrText.contains("reviewing master..HEAD (--base master)"))
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        let results = ((doc?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 1)
        #expect((results.first?["properties"] as? [String: Any])?["commit"] as? String == head)
    }

    @Test("GitHub pull request: the event file's base..head, annotations within the runner's limits, a step summary")
    func githubPullRequest() throws {
        let (f, base, head) = try fixture(warnings: 14)
        let event = f.path + "/event.json"
        try f.write("event.json", #"{"pull_request":{"base":{"sha":"\#(base)"},"head":{"sha":"\#(head)"}}}"#)
        try f.write("summary.md", "")
        try f.git("checkout", "-q", "master")  // HEAD elsewhere: the event names the tip
        let result = try ProductBinary.run(["ci"], directory: f.path, environment: [
            "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": event, "GITHUB_STEP_SUMMARY": f.path + "/summary.md",
        ])
        #expect(result.status == 0)
        let annotations = result.stdoutText.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.filter { $0.hasPrefix("::warning ") }.count == 10)
        let summary = try #require(annotations.last)
        #expect(summary.hasPrefix("::notice title=mmu-review::") && summary.contains("4 of 14 findings are not shown"))
        #expect(result.stdoutText.contains("1 commit reviewed: 0 errors, 14 warnings"))
        let markdown = try String(contentsOfFile: f.path + "/summary.md", encoding: .utf8)
        #expect(markdown.contains("### mmu-review") && markdown.contains("| SYMBOLIC_PERMS |"))
    }

    @Test("GitHub base ref, GitLab base sha, and the default-branch fallback")
    func otherSources() throws {
        let (f, base, _) = try fixture()
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("ci-clone-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try f.git("checkout", "-q", "master")  // the remote's HEAD, as on a forge
        _ = try Subprocess.run("/usr/bin/git", ["clone", "-q", "-b", "topic", f.path, clone], environment: GitFixture.environment)

        let github = try ProductBinary.run(["ci"], directory: clone, environment: ["GITHUB_BASE_REF": "master"])
        #expect(github.stderrText.contains("reviewing origin/master..HEAD"))
        #expect(github.stdoutText.contains("1 commit reviewed"))

        let gitlab = try ProductBinary.run(["ci"], directory: clone, environment: ["CI_MERGE_REQUEST_DIFF_BASE_SHA": base])
        #expect(gitlab.stderrText.contains("(GitLab merge request)"))
        #expect(gitlab.stdoutText.contains("1 commit reviewed"))

        let fallback = try ProductBinary.run(["ci"], directory: clone)
        #expect(fallback.stderrText.contains("since the merge base with origin/"))
        #expect(fallback.stdoutText.contains("1 commit reviewed"))

        let missing = try ProductBinary.run(["ci"], directory: clone, environment: ["CI_MERGE_REQUEST_DIFF_BASE_SHA": String(repeating: "1", count: 40)])
        #expect(missing.status == 2 && missing.stderrText.contains("not in this clone"))
    }
}
