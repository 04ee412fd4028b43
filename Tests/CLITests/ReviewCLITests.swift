import Foundation
import Testing
import TestSupport

/// End-to-end: the built binary on scratch repositories. Checks the exit-status
/// contract (0 clean, 1 findings at --fail-on, 2 input error with one line on stderr).
@Suite("mmu-review CLI")
struct ReviewCLITests {
    func repoWithFinding() throws -> GitFixture {
        let f = try GitFixture()
        try f.write("drivers/foo.c", "// SPDX-License-Identifier: GPL-2.0\nint a;\n")
        try f.commit("foo: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        try f.write("drivers/foo.c", """
            // SPDX-License-Identifier: GPL-2.0
            int a;
            static bool enable_foo;
            module_param(enable_foo, bool, S_IRUGO);
            """ + "\n")
        try f.commit("foo: add a parameter\n\nAdd it.\n\nSigned-off-by: Ann Author <ann@example.org>")
        return f
    }

    func json(_ result: Subprocess.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    @Test("text output is grouped by commit and exit status follows --fail-on")
    func textAndExitStatus() throws {
        let f = try repoWithFinding()
        let plain = try ProductBinary.run(["HEAD~1..HEAD"], directory: f.path)
        #expect(plain.status == 0)  // a warning does not fail at the default --fail-on error
        let lines = plain.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("[1/1] ") == true)
        #expect(lines.first?.hasSuffix("foo: add a parameter") == true)
        #expect(lines.contains { $0.hasPrefix("drivers/foo.c:4: warning: ") && $0.hasSuffix("[SYMBOLIC_PERMS]") })
        #expect(lines.contains("    suggestion: 0444"))
        #expect(!plain.stdoutText.contains("\u{1B}["))  // never colour into a pipe
        let strict = try ProductBinary.run(["HEAD~1..HEAD", "--fail-on", "warning"], directory: f.path)
        #expect(strict.status == 1)
        let never = try ProductBinary.run(["HEAD-2", "--fail-on", "never"], directory: f.path)
        #expect(never.status == 0)
    }

    @Test("JSON follows the version 1 contract")
    func jsonContract() throws {
        let f = try repoWithFinding()
        let result = try ProductBinary.run(["HEAD-2", "--format", "json"], directory: f.path)
        #expect(result.status == 0)
        let doc = try json(result)
        #expect(doc["version"] as? Int == 1)
        let commits = try #require(doc["commits"] as? [[String: Any]])
        #expect(commits.count == 2)
        #expect(commits[1]["sha"] as? String == (try f.sha("HEAD")))
        #expect(commits[1]["index"] as? Int == 2 && commits[1]["total"] as? Int == 2)
        let diagnostics = try #require(doc["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let d = try #require(diagnostics.first)
        #expect(d["rule"] as? String == "SYMBOLIC_PERMS")
        #expect(d["commit"] as? String == (try f.sha("HEAD")))
        #expect(d["file"] as? String == "drivers/foo.c" && d["line"] as? Int == 4)
        #expect(d["suggestion"] as? String == "0444")
        #expect((doc["summary"] as? [String: Int]) == ["error": 0, "warning": 1, "note": 0])
    }

    @Test("commit-level findings have a null file and line 0")
    func commitLevel() throws {
        let f = try GitFixture()
        try f.write("a.c", "int a;\n")
        try f.commit("a: no sign-off\n\nBody.")
        let result = try ProductBinary.run(["HEAD", "--format", "json"], directory: f.path)
        #expect(result.status == 1)  // MISSING_SIGN_OFF is an error
        let d = try #require((try json(result)["diagnostics"] as? [[String: Any]])?.first)
        #expect(d["rule"] as? String == "MISSING_SIGN_OFF")
        #expect(d["file"] is NSNull && d["line"] as? Int == 0)
    }

    @Test("input errors: one line on stderr, exit status 2", arguments: [
        (["no-such-rev"], "unknown revision 'no-such-rev'"),
        (["HEAD~1..nope"], "unknown revision 'nope'"),
        (["--format", "xml"], "--format"),
        (["--staged", "HEAD"], "--staged"),
        (["-C", "/nonexistent-dir"], "cannot change to directory"),
        (["rules", "explain", "NO_SUCH_RULE"], "unknown rule"),
        (["/nonexistent/file.patch"], "no such file: '/nonexistent/file.patch'"),
        (["HEAD", "series.mbox"], "no such file: 'series.mbox'"),
    ])
    func inputErrors(arguments: [String], expected: String) throws {
        let f = try repoWithFinding()
        let result = try ProductBinary.run(arguments, directory: f.path)
        #expect(result.status == 2)
        let stderr = result.stderrText
        #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
        #expect(stderr.hasPrefix("mmu-review: ") && stderr.contains(expected), "\(stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("outside a repository: exit 2 with a clear message")
    func notARepository() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("norepo-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try ProductBinary.run(["HEAD"], directory: dir.path,
                                           environment: ["GIT_CEILING_DIRECTORIES": dir.deletingLastPathComponent().path])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("not a git repository"))
    }

    @Test("an empty range is not an error")
    func emptyRange() throws {
        let f = try repoWithFinding()
        let result = try ProductBinary.run(["HEAD..HEAD"], directory: f.path)
        #expect(result.status == 0)
        #expect(result.stderrText.contains("nothing to review"))
        #expect(result.stdoutText.contains("no commits to review"))
    }

    @Test("-C and GIT_DIR choose the repository the way git does")
    func repositorySelection() throws {
        let f = try repoWithFinding()
        let elsewhere = FileManager.default.temporaryDirectory.path
        let viaC = try ProductBinary.run(["-C", f.path, "HEAD", "--format", "json"], directory: elsewhere)
        #expect(viaC.status == 0)
        #expect((try json(viaC)["commits"] as? [[String: Any]])?.first?["sha"] as? String == (try f.sha("HEAD")))
        let viaEnv = try ProductBinary.run(["HEAD", "--format", "json"], directory: elsewhere,
                                           environment: ["GIT_DIR": f.path + "/.git"])
        #expect(viaEnv.status == 0)
        #expect((try json(viaEnv)["diagnostics"] as? [[String: Any]])?.count == 1)
    }

    @Test("no input: @{u}..HEAD with an upstream, else HEAD")
    func defaultInput() throws {
        let f = try repoWithFinding()
        let alone = try json(try ProductBinary.run(["--format", "json"], directory: f.path))
        #expect((alone["commits"] as? [[String: Any]])?.count == 1)
        try f.git("branch", "up", "HEAD~1")
        try f.git("config", "branch.master.remote", ".")
        try f.git("config", "branch.master.merge", "refs/heads/up")
        try f.write("b.c", "int b;\n")
        try f.commit("b: add\n\nAdd b.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let tracked = try json(try ProductBinary.run(["--format", "json"], directory: f.path))
        #expect((tracked["commits"] as? [[String: Any]])?.count == 2)
    }

    @Test("--staged reviews the index, also on an unborn branch")
    func staged() throws {
        let f = try GitFixture()
        try f.write("a.c", "// SPDX-License-Identifier: GPL-2.0\nint a; \n")
        try f.git("add", "a.c")
        let result = try ProductBinary.run(["--staged", "--format", "json"], directory: f.path)
        #expect(result.status == 1)  // trailing whitespace is an error
        let d = try #require((try json(result)["diagnostics"] as? [[String: Any]]))
        #expect(d.map { $0["rule"] as? String } == ["TRAILING_WHITESPACE"])
        #expect(d.first?["commit"] as? String == "staged")
    }

    @Test("control characters from a patch are neutralised in text output")
    func controlCharacters() throws {
        let f = try GitFixture()
        try f.write("a.c", "int a; \u{1B}[2J\u{1B}]0;pwned\u{07} \n")
        try f.commit("a: \u{1B}[31mred subject\n\nBody.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let result = try ProductBinary.run(["HEAD"], directory: f.path)
        #expect(!result.stdout.contains(0x1B) && !result.stdout.contains(0x07))
        #expect(result.stdoutText.contains("\\x1b[2J"))
    }

    @Test("rules lists every rule and explain prints rationale and examples")
    func rulesCommand() throws {
        let list = try ProductBinary.run(["rules"], directory: FileManager.default.temporaryDirectory.path)
        #expect(list.status == 0)
        #expect(list.stdoutText.contains("SYMBOLIC_PERMS"))
        let explain = try ProductBinary.run(["rules", "explain", "SYMBOLIC_PERMS"],
                                            directory: FileManager.default.temporaryDirectory.path)
        #expect(explain.status == 0)
        #expect(explain.stdoutText.contains("Why:") && explain.stdoutText.contains("Triggers on:"))
    }

    @Test("mail input errors: empty input, a file with no patch, a binary file, a truncated patch — exit 2, one line")
    func mailInputErrors() throws {
        let f = try GitFixture()
        try f.write("empty.mbox", "")
        try f.write("notes.txt", "Just some words.\nNo diff here.\n")
        try f.write("blob.patch", Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0xFF, 0xFE]))
        try f.write("cut.patch", """
            From: Ann Author <ann@example.org>
            Subject: [PATCH] a: cut short

            Body.

            Signed-off-by: Ann Author <ann@example.org>
            ---
            diff --git a/a.c b/a.c
            --- a/a.c
            +++ b/a.c
            @@ -1,3 +1,4 @@
             int a;
            +int b;

            """)
        for name in ["empty.mbox", "notes.txt", "blob.patch", "cut.patch"] {
            let result = try ProductBinary.run([name], directory: f.path)
            #expect(result.status == 2, "\(name): \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(name): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("mmu-review: "))
        }
        let stdin = try ProductBinary.run(["-"], directory: f.path, input: Data())
        #expect(stdin.status == 2 && stdin.stderrText.split(separator: "\n").count == 1)
    }

    @Test("the bundled demo mbox reviews like its git repository")
    func demoMbox() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/demo-series.mbox")
        let result = try ProductBinary.run([examples.path, "--format", "json"], directory: FileManager.default.temporaryDirectory.path)
        #expect(result.status == 1)
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let commits = try #require(doc["commits"] as? [[String: Any]])
        #expect(commits.count == 5)
        #expect(commits.map { $0["index"] as? Int } == [1, 2, 3, 4, 5])
        #expect(commits.allSatisfy { ($0["sha"] as? String)?.hasSuffix("@example.org") == true })
    }

    /// A range long enough to be streamed (64 commits or more): commits that add a
    /// writable knob, WARNs on it, snapshots of it into members, readers of members,
    /// spread over the range.
    func longRange(commits: Int) throws -> GitFixture {
        let f = try GitFixture()
        var stream = ""
        var files: [String: String] = [:]
        for c in 0..<commits {
            let path = "arch/x86/kvm/mmu/part\(c % 5).c"
            var body = files[path] ?? "// SPDX-License-Identifier: GPL-2.0-only\n#include <linux/kvm_host.h>\n\n"
            switch c % 7 {
            case 0: body += "static bool __read_mostly enable_knob_\(c) = true;\nmodule_param_named(knob_\(c), enable_knob_\(c), bool, 0644);\n\n"
            case 3: body += "static void warn_\(c)(struct kvm *kvm)\n{\n\tWARN_ON_ONCE(!enable_knob_\(c - 3));\n}\n\n"
            case 5: body += "int init_\(c)(struct kvm *kvm)\n{\n\tkvm->arch.snap_\(c) = enable_knob_\(c - 5);\n\treturn 0;\n}\n\n"
            default: body += "int helper_\(c)(struct kvm_vcpu *vcpu)\n{\n\treturn vcpu->arch.level_\(c % 3) + \(c);\n}\n\n"
            }
            files[path] = body
            let message = "KVM: x86/mmu: step \(c)\n\nSigned-off-by: Ann Author <ann@example.org>\n"
            let stamp = "Ann Author <ann@example.org> \(1_700_000_000 + c * 60) +0000"
            stream += "commit refs/heads/master\nauthor \(stamp)\ncommitter \(stamp)\n"
            stream += "data \(message.utf8.count)\n\(message)M 100644 inline \(path)\ndata \(body.utf8.count)\n\(body)\n"
        }
        try f.git(["fast-import", "--quiet"], input: Data(stream.utf8))
        try f.git("reset", "-q", "--hard")
        return f
    }

    @Test("a streamed range reports exactly what the same range reviewed in memory reports")
    func streamedRangeIsTheInMemoryOne() throws {
        let f = try longRange(commits: 71)
        // 70 commits: streamed. --explain-semantics keeps the series in memory and
        // writes its explanation to stderr, so stdout must be the same JSON.
        let streamed = try ProductBinary.run(["HEAD~70..HEAD", "--format", "json", "--fail-on", "never"], directory: f.path)
        let kept = try ProductBinary.run(["HEAD~70..HEAD", "--format", "json", "--fail-on", "never", "--explain-semantics"],
                                         directory: f.path)
        #expect(streamed.status == 0 && kept.status == 0, "\(streamed.stderrText)\(kept.stderrText)")
        #expect(streamed.stdoutText == kept.stdoutText)
        #expect(kept.stderrText.contains("semantics:"))
        let doc = try json(streamed)
        #expect((doc["commits"] as? [Any])?.count == 70)
        let rules = Set(((doc["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["USER_TRIGGERABLE_WARN", "WRITABLE_MODULE_PARAM", "INTRODUCED_BEFORE_USE"]), "\(rules)")
    }
}
