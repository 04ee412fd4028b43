import Foundation
import Testing
import TestSupport

/// `--fix`: fixup patches git accepts, and fixes applied to the working tree for
/// `--staged`, refusing where that could mix with unstaged work.
@Suite("Fixes")
struct FixTests {
    func seriesFixture() throws -> GitFixture {
        let f = try GitFixture()
        try f.write("drv/a.c", (1...12).map { "int a\($0);" }.joined(separator: "\n") + "\n")
        try f.commit("drv: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        try f.git("tag", "base")
        var lines = (1...12).map { "int a\($0);" }
        lines.insert("module_param(p, bool, S_IRUGO | S_IWUSR);", at: 6)
        try f.write("drv/a.c", lines.joined(separator: "\n") + "\n")
        try f.commit("drv: add p\n\nAdd p.\n\nSigned-off-by: Ann Author <ann@example.org>")
        lines.append("int tail; ")
        try f.write("drv/a.c", lines.joined(separator: "\n") + "\n")
        try f.write("drv/b.c", "// SPDX-License-Identifier: GPL-2.0\nint b;\t\n")
        try f.commit("drv: add tail\n\nAdd tail.\n\nSigned-off-by: Ann Author <ann@example.org>")
        return f
    }

    @Test("a single commit's fixup patch applies with git apply on top of it")
    func singleCommit() throws {
        let f = try seriesFixture()
        let result = try ProductBinary.run(["HEAD~1", "--fix"], directory: f.path)
        #expect(result.status == 0)
        #expect(result.stderrText.contains("SYMBOLIC_PERMS"))  // the review moves to stderr
        try f.git("checkout", "-q", "HEAD~1")
        try f.git("apply", "--check", input: result.stdout)
        try f.git("apply", input: result.stdout)
        let text = try String(contentsOfFile: f.path + "/drv/a.c", encoding: .utf8)
        #expect(text.contains("module_param(p, bool, 0644);"))
        #expect(try f.git("diff", "--stat").contains("1 file changed, 1 insertion(+), 1 deletion(-)"))
    }

    @Test("a series' fixups go in with git am and squash with rebase --autosquash; the re-review is clean")
    func series() throws {
        let f = try seriesFixture()
        let out = f.path + "/fixups.mbox"
        let result = try ProductBinary.run(["base..HEAD", "--fix=patch", "--fix-output", out], directory: f.path)
        #expect(result.status == 1)  // trailing whitespace is an error
        #expect(result.stdoutText.contains("TRAILING_WHITESPACE"))  // the review stays on stdout
        try f.git("am", "-q", out)
        #expect(try f.git("log", "--format=%s", "-2").contains("fixup! drv: add p"))
        var env = GitFixture.environment
        env["GIT_SEQUENCE_EDITOR"] = "true"
        let rebase = try Subprocess.run("/usr/bin/git", ["rebase", "-q", "-i", "--autosquash", "base"],
                                        directory: f.path, environment: env)
        #expect(rebase.status == 0, "\(rebase.stderrText)")
        let again = try ProductBinary.run(["base..HEAD", "--format", "json"], directory: f.path)
        #expect(again.status == 0)
        let doc = try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any]
        #expect((doc?["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((doc?["commits"] as? [Any])?.count == 2)
    }

    @Test("--staged --fix=apply: refuses over unstaged edits, then fixes the tree; the commit passes")
    func stagedApply() throws {
        let f = try GitFixture()
        try f.write("a.c", "int a;\n")
        try f.commit("a: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        #expect(try ProductBinary.run(["hook", "install"], directory: f.path).status == 0)
        try f.write("a.c", "int a;\nmodule_param(q, int, S_IRUSR); \n")
        try f.git("add", "a.c")
        try f.write("a.c", "int a;\nmodule_param(q, int, S_IRUSR); \nint unstaged;\n")
        let refused = try ProductBinary.run(["--staged", "--fix=apply"], directory: f.path)
        #expect(refused.status == 2 && refused.stderrText.contains("unstaged changes"))
        #expect(try String(contentsOfFile: f.path + "/a.c", encoding: .utf8).contains("int unstaged;"))

        try f.git("checkout", "--", "a.c")  // back to the staged content
        var env = GitFixture.environment
        env["GIT_AUTHOR_DATE"] = "1700000000 +0000"; env["GIT_COMMITTER_DATE"] = "1700000000 +0000"
        let blocked = try Subprocess.run("/usr/bin/git", ["commit", "-q", "-m", "a: q\n\nQ.\n\nSigned-off-by: A <a@b.c>"],
                                         directory: f.path, environment: env)
        #expect(blocked.status != 0)
        let fixed = try ProductBinary.run(["--staged", "--fix=apply"], directory: f.path)
        #expect(fixed.stderrText.contains("fixed 1 line(s) in 1 file(s)"))
        #expect(try String(contentsOfFile: f.path + "/a.c", encoding: .utf8) == "int a;\nmodule_param(q, int, 0400);\n")
        try f.git("add", "a.c")
        let passes = try Subprocess.run("/usr/bin/git", ["commit", "-q", "-m", "a: q\n\nQ.\n\nSigned-off-by: A <a@b.c>"],
                                        directory: f.path, environment: env)
        #expect(passes.status == 0, "\(passes.stderrText)")
    }

    @Test("--fix=apply needs --staged")
    func applyNeedsStaged() throws {
        let f = try seriesFixture()
        let result = try ProductBinary.run(["HEAD", "--fix=apply"], directory: f.path)
        #expect(result.status == 2 && result.stderrText.contains("--staged"))
    }

    @Test("MODULE_PARAM_NAMING renames the parameter and the variable's uses in the patch; SPACING adds the space")
    func renameAndSpacing() throws {
        let f = try GitFixture()
        try f.write("kvm/kvm.h", "/* SPDX-License-Identifier: GPL-2.0 */\nstruct kvm_arch { bool fast_enabled; };\n")
        try f.write("kvm/mmu.c", "// SPDX-License-Identifier: GPL-2.0\n#include \"kvm.h\"\n\nint x;\n")
        try f.commit("kvm: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        try f.write("kvm/mmu.c", """
            // SPDX-License-Identifier: GPL-2.0
            #include "kvm.h"

            static bool fast_enabled;
            module_param_named(enable_fast, fast_enabled, bool, 0444);

            static void init(struct kvm *kvm)
            {
            \tif(READ_ONCE(fast_enabled))
            \t\tkvm->arch.fast_enabled = true; /* fast_enabled stays a member */
            }

            int x;

            """)
        try f.commit("kvm: fast\n\nFast.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let result = try ProductBinary.run(["HEAD", "--fix"], directory: f.path)
        try f.git("apply", input: result.stdout)
        let text = try String(contentsOfFile: f.path + "/kvm/mmu.c", encoding: .utf8)
        #expect(text.contains("static bool enable_fast;"))
        #expect(text.contains("module_param_named(fast, enable_fast, bool, 0444);"))
        #expect(text.contains("\tif (READ_ONCE(enable_fast))"))
        #expect(text.contains("kvm->arch.fast_enabled = true; /* fast_enabled stays a member */"))
        let header = try String(contentsOfFile: f.path + "/kvm/kvm.h", encoding: .utf8)
        #expect(header.contains("struct kvm_arch { bool fast_enabled; };"))  // another file, another entity
    }

    @Test("no rename fix when the variable is also used in code the patch does not change")
    func noPartialRename() throws {
        let f = try GitFixture()
        try f.write("kvm/mmu.c", "// SPDX-License-Identifier: GPL-2.0\nstatic bool fast_enabled;\nint y;\n")
        try f.commit("kvm: base\n\nBase.\n\nSigned-off-by: Ann Author <ann@example.org>")
        try f.write("kvm/mmu.c", "// SPDX-License-Identifier: GPL-2.0\nstatic bool fast_enabled;\nint y;\nmodule_param_named(enable_fast, fast_enabled, bool, 0444);\n")
        try f.commit("kvm: param\n\nParam.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let result = try ProductBinary.run(["HEAD", "--fix"], directory: f.path)
        #expect(result.stderrText.contains("MODULE_PARAM_NAMING"))
        #expect(result.stderrText.contains("no exact fixes to write"))
        #expect(result.stdout.isEmpty)
    }
}
