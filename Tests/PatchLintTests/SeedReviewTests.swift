import Foundation
import Testing
import TestSupport
@testable import PatchLint

/// The seed patch (shared/seed), rebuilt by the shared script at test time, reviewed by
/// every registered rule through the libgit2 reader: exactly the findings the human
/// review made, each on its line, and nothing else but hygiene.
@Suite("Seed review end to end")
struct SeedReviewTests {
    static let script = SharedData.root?.appendingPathComponent("seed/make-seed-repo.sh")
    /// Commit and series hygiene may comment on the seed commit; everything else must not.
    static let hygiene: Set<String> = ["MISSING_SIGN_OFF", "BAD_SIGN_OFF", "SUBJECT_PREFIX",
                                       "SERIES_NUMBERING", "COMMIT_MESSAGE"]

    struct Finding: Hashable, CustomStringConvertible {
        var rule: String
        var file: String
        var line: Int
        var description: String { "\(rule)@\(file):\(line)" }
    }

    struct Seed {
        var root: URL
        var series: Series
        var diagnostics: [Diagnostic]

        /// 1-based line of the first post-image line of `file` containing `needle`.
        func line(_ file: String, _ needle: String) throws -> Int {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) not in \(file)") + 1
        }
    }

    static let mmu = "arch/x86/kvm/mmu.c"
    static let header = "arch/x86/include/asm/kvm_host.h"

    func reviewSeed() throws -> Seed {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seed-rules-\(UUID())")
        let result = try Subprocess.run("/bin/bash", [Self.script!.path, dir.path],
                                        environment: GitFixture.environment)
        try #require(result.status == 0, "make-seed-repo.sh failed: \(result.stderrText)")
        let repository = try GitRepository.open(discoveringFrom: dir.path)
        let series = try GitSeriesReader(repository: repository).series(revision: "base..seed")
        let diagnostics = ReviewEngine(rules: RuleRegistry.all).review(series)
        return Seed(root: dir, series: series, diagnostics: diagnostics)
    }

    @Test("exactly the review's findings, each on its line",
          .enabled(if: script != nil, "shared/seed is not next to the checkout: skipped"))
    func exactFindings() throws {
        let seed = try reviewSeed()
        defer { try? FileManager.default.removeItem(at: seed.root) }
        let paramLine = try seed.line(Self.mmu, "module_param_named(enable_direct_mmu")
        let expected: Set<Finding> = [
            Finding(rule: "SYMBOLIC_PERMS", file: Self.mmu, line: try seed.line(Self.mmu, "S_IRUGO | S_IWUSR")),
            Finding(rule: "MODULE_PARAM_NAMING", file: Self.mmu, line: paramLine),
            Finding(rule: "WRITABLE_MODULE_PARAM", file: Self.mmu, line: paramLine),
            Finding(rule: "USER_TRIGGERABLE_WARN", file: Self.mmu, line: try seed.line(Self.mmu, "WARN_ONCE(!tdp_enabled")),
            Finding(rule: "INTRODUCED_BEFORE_USE", file: Self.header, line: try seed.line(Self.header, "bool pure_direct_mmu;")),
            Finding(rule: "AVOID_BUG", file: Self.mmu, line: try seed.line(Self.mmu, "BUG_ON(vcpu->arch.mmu->shadow_root_level")),
            Finding(rule: "CODE_MOVEMENT", file: Self.header, line: try seed.line(Self.header, "#define HF_GIF_MASK")),
            // The review's naming objection ("the @direct flag is also set when ..."): a
            // commit-level note, as the reviewer raised it (nothing on the lines that
            // declare direct_mmu_enabled or direct_root_hpa).
            Finding(rule: "NAME_COLLISION", file: "", line: 0),
        ]
        let found = Set(seed.diagnostics.filter { !Self.hygiene.contains($0.ruleID) }
            .map { Finding(rule: $0.ruleID, file: $0.file ?? "", line: $0.line) })
        #expect(found == expected, "missing: \(expected.subtracting(found)); extra: \(found.subtracting(expected))")
        #expect(seed.diagnostics.count == Set(seed.diagnostics.map { "\($0.ruleID)\($0.file ?? "")\($0.line)" }).count,
                "a finding was reported twice")
    }

    @Test("the findings say what the reviewer said, with exact fixes",
          .enabled(if: script != nil, "shared/seed is not next to the checkout: skipped"))
    func messages() throws {
        let seed = try reviewSeed()
        defer { try? FileManager.default.removeItem(at: seed.root) }
        func one(_ rule: String) throws -> Diagnostic {
            try #require(seed.diagnostics.first { $0.ruleID == rule }, "\(rule) missing")
        }
        #expect(try one("SYMBOLIC_PERMS").suggestion == "0644")
        #expect(try one("MODULE_PARAM_NAMING").suggestion == "module_param_named(direct_mmu, enable_direct_mmu, bool, 0444)")
        #expect(try one("WRITABLE_MODULE_PARAM").message.contains("READ_ONCE(direct_mmu_enabled)"))
        #expect(try one("WRITABLE_MODULE_PARAM").message.contains("kvm_mmu_init_direct_mmu()"))
        #expect(try one("USER_TRIGGERABLE_WARN").message.contains("kvm_intel.ept, kvm_amd.npt"))
        #expect(try one("INTRODUCED_BEFORE_USE").message.contains("'pure_direct_mmu'"))
        #expect(try one("INTRODUCED_BEFORE_USE").message.contains("nothing in the series ever reads it"))
        #expect(try one("CODE_MOVEMENT").severity == .note)
        #expect(try one("CODE_MOVEMENT").message.contains("re-wrapped"))
        #expect(try one("NAME_COLLISION").message.contains("direct_map"))
    }

    @Test("nothing on context lines, on moved lines, or on members the patch reads",
          .enabled(if: script != nil, "shared/seed is not next to the checkout: skipped"))
    func silence() throws {
        let seed = try reviewSeed()
        defer { try? FileManager.default.removeItem(at: seed.root) }
        let patch = MoveDetector.markingMovedLines(in: try #require(seed.series.patches.first))
        var added: Set<String> = [], moved: Set<String> = []
        for file in patch.files {
            for line in file.hunks.flatMap(\.lines) where line.kind == .added {
                added.insert("\(file.path):\(line.newNumber!)")
                if line.moved { moved.insert("\(file.path):\(line.newNumber!)") }
            }
        }
        // The whole HF_* block, its two re-wrapped lines included, is marked.
        let firstMoved = try seed.line(Self.header, "#define HF_GIF_MASK")
        let lastMoved = try seed.line(Self.header, "#define kvm_memslots_for_spte_role")
        for n in firstMoved...lastMoved { #expect(moved.contains("\(Self.header):\(n)")) }
        #expect(moved.count == lastMoved - firstMoved + 1)

        for d in seed.diagnostics where d.file != nil {
            let key = "\(d.file!):\(d.line)"
            #expect(added.contains(key), "\(d.ruleID) on a line the patch did not add: \(key)")
            if d.ruleID != "CODE_MOVEMENT" { #expect(!moved.contains(key), "\(d.ruleID) on a moved line") }
        }
        let quiet = [try seed.line(Self.header, "bool direct_mmu_enabled;"),
                     try seed.line(Self.header, "hpa_t direct_root_hpa[")]
        #expect(!seed.diagnostics.contains { $0.file == Self.header && quiet.contains($0.line) })
    }
}
