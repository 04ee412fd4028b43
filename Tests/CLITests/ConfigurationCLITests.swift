import Foundation
import Testing
import TestSupport

/// Configuration as a user meets it: `.mmu-review.yml`, --types/--ignore, --rules DIR,
/// and the repository's history behind SUBJECT_PREFIX.
@Suite("Configuration and history")
struct ConfigurationCLITests {
    func rules(_ result: Subprocess.Result) throws -> [String] {
        let doc = try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return ((doc["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }
    }

    func fixture() throws -> GitFixture {
        let f = try GitFixture()
        for i in 0..<4 {
            try f.write("arch/x86/kvm/mmu/mmu.c", "// SPDX-License-Identifier: GPL-2.0\n" + (0...i).map { "int m\($0);" }.joined(separator: "\n") + "\n")
            try f.commit("KVM: x86/mmu: Step \(i)\n\nStep.\n\nSigned-off-by: Ann Author <ann@example.org>")
        }
        try f.write("arch/x86/kvm/mmu/mmu.c", "// SPDX-License-Identifier: GPL-2.0\nint m0;\nmodule_param(p, bool, S_IRUGO);\nint x = simple_strtoul(s, NULL, 10);\n")
        try f.commit("mmu: Add p\n\nAdd p.\n\nSigned-off-by: Ann Author <ann@example.org>")
        return f
    }

    @Test("SUBJECT_PREFIX learns 'KVM: x86/mmu:' from the history of the touched file")
    func subjectPrefix() throws {
        let f = try fixture()
        let result = try ProductBinary.run(["HEAD", "--format", "json"], directory: f.path)
        #expect(try rules(result).contains("SUBJECT_PREFIX"))
        #expect(result.stdoutText.contains("KVM: x86/mmu:"))
    }

    @Test("--types and --ignore select rules; an unknown id is an input error")
    func selection() throws {
        let f = try fixture()
        let only = try rules(try ProductBinary.run(["HEAD", "--format", "json", "--types", "SYMBOLIC_PERMS"], directory: f.path))
        #expect(only == ["SYMBOLIC_PERMS"])
        let ignored = try rules(try ProductBinary.run(["HEAD", "--format", "json", "--ignore", "SYMBOLIC_PERMS,SUBJECT_PREFIX"], directory: f.path))
        #expect(!ignored.contains("SYMBOLIC_PERMS") && !ignored.contains("SUBJECT_PREFIX") && !ignored.isEmpty)
        let unknown = try ProductBinary.run(["HEAD", "--types", "NO_SUCH_RULE"], directory: f.path)
        #expect(unknown.status == 2 && unknown.stderrText.contains("NO_SUCH_RULE"))
    }

    @Test("the shipped rule pack runs; .mmu-review.yml disables and re-grades rules")
    func configurationFile() throws {
        let f = try fixture()
        let before = try rules(try ProductBinary.run(["HEAD", "--format", "json"], directory: f.path))
        #expect(before.contains("CONSIDER_KSTRTO"))  // from rules/kernel-api.yml
        try f.write(".mmu-review.yml", "disable: [CONSIDER_KSTRTO]\nseverity:\n  SYMBOLIC_PERMS: error\n")
        let after = try ProductBinary.run(["HEAD", "--format", "json"], directory: f.path)
        #expect(!(try rules(after)).contains("CONSIDER_KSTRTO"))
        #expect(after.status == 1)  // SYMBOLIC_PERMS is now an error
        try f.write(".mmu-review.yml", "no_such_key: 1\n")
        let bad = try ProductBinary.run(["HEAD"], directory: f.path)
        #expect(bad.status == 2 && bad.stderrText.split(separator: "\n").count == 1)
    }

    @Test("--rules DIR adds a user's pack")
    func userPack() throws {
        let f = try fixture()
        try f.write("packs/local.yml", """
            rules:
              - id: LOCAL_NO_M0
                severity: warning
                summary: m0 is reserved
                rationale: The local convention reserves m0.
                pattern: '\\bm0\\b'
                message: do not add m0
                files: ['*.c']
                examples:
                  triggering:
                    - "↓int m0;"
                  non-triggering:
                    - "int m1;"
            """)
        let result = try ProductBinary.run(["HEAD", "--format", "json", "--rules", f.path + "/packs"], directory: f.path)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try rules(result).contains("LOCAL_NO_M0") == false)  // m0 is a context line here
        try f.write("arch/x86/kvm/mmu/mmu.c", "// SPDX-License-Identifier: GPL-2.0\nint m0;\nint m0;\n")
        try f.commit("KVM: x86/mmu: Again\n\nAgain.\n\nSigned-off-by: Ann Author <ann@example.org>")
        let again = try ProductBinary.run(["HEAD", "--format", "json", "--rules", f.path + "/packs"], directory: f.path)
        #expect(try rules(again).contains("LOCAL_NO_M0"))
        let listed = try ProductBinary.run(["rules", "--rules", f.path + "/packs"], directory: f.path)
        #expect(listed.stdoutText.contains("LOCAL_NO_M0"))
    }
}
