import Foundation
import Testing
import TestSupport

/// The pre-commit and commit-msg hooks, tried the way a new user would: over an
/// existing hook, chained, blocking a bad commit, bypassed with --no-verify, removed.
@Suite("Git hooks")
struct HookTests {
    static let customHook = "#!/bin/sh\n# my own hook\necho ran >> \"$(git rev-parse --git-dir)/custom-hook-ran\"\nexit 0\n"

    func commit(_ f: GitFixture, _ message: String, noVerify: Bool = false) throws -> Subprocess.Result {
        var env = GitFixture.environment
        env["GIT_AUTHOR_DATE"] = "1700000000 +0000"
        env["GIT_COMMITTER_DATE"] = "1700000000 +0000"
        try f.git("add", "-A")
        return try Subprocess.run("/usr/bin/git", ["commit", "-q", "-m", message] + (noVerify ? ["--no-verify"] : []),
                                  directory: f.path, environment: env)
    }

    @Test("install over a custom hook: refused and untouched; --chain runs both; uninstall restores it byte for byte")
    func lifecycle() throws {
        let f = try GitFixture()
        try f.write("a.c", "int a;\n")
        try f.commit("a: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let hook = f.path + "/.git/hooks/pre-commit"
        try f.write(".git/hooks/pre-commit", Self.customHook)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: hook)
        let originalAttributes = try FileManager.default.attributesOfItem(atPath: hook)

        let refused = try ProductBinary.run(["hook", "install"], directory: f.path)
        #expect(refused.status == 2)
        #expect(refused.stderrText.contains("--chain") && refused.stderrText.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == Self.customHook)

        let chained = try ProductBinary.run(["hook", "install", "--chain"], directory: f.path)
        #expect(chained.status == 0, "\(chained.stderrText)")
        let status = try ProductBinary.run(["hook", "status"], directory: f.path)
        #expect(status.stdoutText.contains("installed") && status.stdoutText.contains("first"))

        // A commit that introduces an error is blocked, and the chained hook ran first.
        try f.write("a.c", "int a;\nint b; \n")
        let blocked = try commit(f, "a: add b\n\nAdd b.\n\nSigned-off-by: Ann Author <ann@example.org>")
        #expect(blocked.status != 0)
        #expect((blocked.stdoutText + blocked.stderrText).contains("TRAILING_WHITESPACE"))
        #expect(FileManager.default.fileExists(atPath: f.path + "/.git/custom-hook-ran"))
        #expect(try f.git("rev-list", "--count", "HEAD").hasPrefix("1"))

        // --no-verify still works.
        let bypassed = try commit(f, "a: add b anyway\n\nSigned-off-by: Ann Author <ann@example.org>", noVerify: true)
        #expect(bypassed.status == 0)

        // Fixed, the commit passes.
        try f.write("a.c", "int a;\nint b;\nint c;\n")
        let passes = try commit(f, "a: add c\n\nAdd c.\n\nSigned-off-by: Ann Author <ann@example.org>")
        #expect(passes.status == 0, "\(passes.stdoutText)\(passes.stderrText)")

        let removed = try ProductBinary.run(["hook", "uninstall"], directory: f.path)
        #expect(removed.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: hook)) == Data(Self.customHook.utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: hook)
        #expect(attributes[.posixPermissions] as? Int == originalAttributes[.posixPermissions] as? Int)
        #expect(!FileManager.default.fileExists(atPath: hook + ".mmu-review-chained"))
    }

    @Test("--force keeps the old hook as a backup; uninstall brings it back")
    func force() throws {
        let f = try GitFixture()
        try f.write(".git/hooks/pre-commit", Self.customHook)
        let forced = try ProductBinary.run(["hook", "install", "--force"], directory: f.path)
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: f.path + "/.git/hooks/pre-commit.mmu-review-backup", encoding: .utf8) == Self.customHook)
        #expect(try ProductBinary.run(["hook", "install"], directory: f.path).status == 0)  // idempotent
        #expect(try ProductBinary.run(["hook", "uninstall"], directory: f.path).status == 0)
        #expect(try String(contentsOfFile: f.path + "/.git/hooks/pre-commit", encoding: .utf8) == Self.customHook)
        // Someone else's hook is never removed by uninstall.
        let foreign = try ProductBinary.run(["hook", "uninstall"], directory: f.path)
        #expect(foreign.status == 2)
        #expect(FileManager.default.fileExists(atPath: f.path + "/.git/hooks/pre-commit"))
    }

    @Test("core.hooksPath is where the hook goes")
    func hooksPath() throws {
        let f = try GitFixture()
        try f.git("config", "core.hooksPath", "githooks")
        #expect(try ProductBinary.run(["hook", "install"], directory: f.path).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: f.path + "/githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: f.path + "/.git/hooks/pre-commit"))
    }

    @Test("the commit-msg hook reviews the message too")
    func commitMsg() throws {
        let f = try GitFixture()
        try f.write("a.c", "int a;\n")
        try f.commit("a: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        #expect(try ProductBinary.run(["hook", "install", "--type", "commit-msg"], directory: f.path).status == 0)
        try f.write("a.c", "int a;\nint b;\n")
        let unsigned = try commit(f, "a: add b\n\nNo sign-off here.")
        #expect(unsigned.status != 0)
        #expect((unsigned.stdoutText + unsigned.stderrText).contains("MISSING_SIGN_OFF"))
        let signed = try commit(f, "a: add b\n\nSigned.\n\n# a comment git strips\nSigned-off-by: Ann Author <ann@example.org>")
        #expect(signed.status == 0, "\(signed.stdoutText)")
    }
}
