import Foundation
import Testing
@testable import PatchLint
import TestSupport

/// A git range is reviewed streamed: each commit read, reviewed and dropped in its own
/// job, the series rules working from the patches' facts afterwards. It must find
/// exactly what a review of the whole series in memory finds, keep no diff lines, and
/// read a patch again only where the facts say a series rule has to look.
@Suite("Streamed review")
struct StreamedReviewTests {
    /// A series that gives every series rule something to say, and something to look
    /// up in another patch: a member added before its use, a writable parameter
    /// snapshotted later, a WARN on it through an assignment in another patch, a BUG.
    static func fixture() throws -> GitFixture {
        let repo = try GitFixture()
        try repo.write("arch/x86/kvm/mmu/mmu.c", """
            // SPDX-License-Identifier: GPL-2.0-only
            #include <linux/kvm_host.h>

            static int mmu_setup(struct kvm *kvm)
            {
            \treturn 0;
            }

            """)
        try repo.write("arch/x86/include/asm/kvm_host.h", """
            struct kvm_arch {
            \tbool exception_payload_enabled;
            };

            """)
        try repo.commit("KVM: x86: base")
        try repo.write("arch/x86/include/asm/kvm_host.h", """
            struct kvm_arch {
            \tbool exception_payload_enabled;
            \tbool fast_roots;
            };

            """)
        try repo.commit("KVM: x86: add fast_roots\n\nSigned-off-by: Ann Author <ann@example.org>")
        let snapshot = """
            // SPDX-License-Identifier: GPL-2.0-only
            #include <linux/kvm_host.h>

            static bool __read_mostly enable_fast_roots = true;
            module_param_named(fast_roots, enable_fast_roots, bool, 0644);

            static int mmu_setup(struct kvm *kvm)
            {
            \tkvm->arch.fast_roots = enable_fast_roots;
            \treturn 0;
            }

            """
        try repo.write("arch/x86/kvm/mmu/mmu.c", snapshot)
        try repo.commit("KVM: x86/mmu: snapshot the knob\n\nSigned-off-by: Ann Author <ann@example.org>")
        try repo.write("arch/x86/kvm/mmu/mmu.c", snapshot + """
            static void mmu_zap(struct kvm *kvm)
            {
            \tif (WARN_ON_ONCE(kvm->arch.fast_roots))
            \t\treturn;
            \tBUG_ON(!kvm);
            }

            """)
        try repo.commit("KVM: x86/mmu: zap\n\nSigned-off-by: Ann Author <ann@example.org>")
        return repo
    }

    /// The same range reviewed streamed and from memory.
    static func bothWays(_ repo: GitFixture, _ spec: String, workers: Int? = nil)
        throws -> (streamed: ReviewEngine.Outcome, kept: ReviewEngine.Outcome) {
        let repository = try GitRepository.open(discoveringFrom: repo.path)
        let loader = SeriesLoader(repository: repository)
        var engine = ReviewEngine(rules: RuleRegistry.all)
        engine.streamsFrom = 1
        if let workers { engine.workers = workers }
        let streamed = try engine.review(source: try loader.source(.revisions([spec])))
        let kept = try engine.review(source: try loader.load(.revisions([spec])), keepingPatches: true)
        return (streamed, kept)
    }

    @Test("finds what the review in memory finds, on all cores and on one")
    func sameFindings() throws {
        let repo = try Self.fixture()
        for workers in [1, 2] {
            let (streamed, kept) = try Self.bothWays(repo, "HEAD~3..HEAD", workers: workers)
            #expect(streamed.diagnostics == kept.diagnostics)
            let rules = Set(streamed.diagnostics.map(\.ruleID))
            #expect(rules.isSuperset(of: ["INTRODUCED_BEFORE_USE", "WRITABLE_MODULE_PARAM",
                                          "USER_TRIGGERABLE_WARN", "AVOID_BUG"]), "\(rules)")
            // The member is read two patches later: the message says where, from facts.
            let ibu = try #require(streamed.diagnostics.first { $0.ruleID == "INTRODUCED_BEFORE_USE" })
            #expect(ibu.message.contains("first read in patch 3/3 at arch/x86/kvm/mmu/mmu.c:"), "\(ibu.message)")
            // Same commits, numbering, paths and line counts for the reports.
            #expect(streamed.series.patches.map(\.id) == kept.series.patches.map(\.id))
            #expect(JSONReporter().render(ReviewReport(series: streamed.series, diagnostics: streamed.diagnostics))
                    == JSONReporter().render(ReviewReport(series: kept.series, diagnostics: kept.diagnostics)))
        }
    }

    @Test("keeps no diff lines, and reads again only the patches whose facts call for a look")
    func keepsNoLines() throws {
        let repo = try Self.fixture()
        let (streamed, kept) = try Self.bothWays(repo, "HEAD~3..HEAD")
        // A short range is kept whole by default: nothing is read twice.
        let repository = try GitRepository.open(discoveringFrom: repo.path)
        let short = try ReviewEngine(rules: RuleRegistry.all)
            .review(source: try SeriesLoader(repository: repository).source(.revisions(["HEAD~3..HEAD"])))
        #expect(short.patchesReadAgain == 0 && short.diagnostics == kept.diagnostics)
        #expect(streamed.series.patches.allSatisfy { $0.files.allSatisfy { $0.hunks.allSatisfy(\.lines.isEmpty) } })
        #expect(kept.series.patches.contains { $0.files.contains { !$0.hunks.isEmpty && !$0.hunks[0].lines.isEmpty } })
        // Patch 2 (the parameter) and patch 3 (WARN, BUG) are looked at again; patch 1,
        // whose member is read in patch 3, is answered from patch 3's facts.
        #expect(streamed.patchesReadAgain == 2, "\(streamed.patchesReadAgain)")
        #expect(kept.patchesReadAgain == 0)
    }

    /// A source whose patches change between the first and the second read.
    struct FlakySource: PatchSource {
        let series: Series
        let reads = Counter()
        var count: Int { series.patches.count }
        var coverLetter: Series.CoverLetter? { nil }
        var notes: [String] { [] }
        func patch(at k: Int) throws -> Patch {
            if reads.increment() > count { throw InputError("the repository changed during the review") }
            return series.patches[k]
        }
    }

    @Test("a patch that cannot be read again fails the review with the reason, never a partial result")
    func rereadFailure() throws {
        let repo = try Self.fixture()
        let repository = try GitRepository.open(discoveringFrom: repo.path)
        let series = try SeriesLoader(repository: repository).load(.revisions(["HEAD~3..HEAD"]))
        var engine = ReviewEngine(rules: RuleRegistry.all)
        engine.streamsFrom = 1
        #expect(throws: InputError.self) { try engine.review(source: FlakySource(series: series)) }
        // Without series rules nothing is read twice.
        var lineRulesOnly = ReviewEngine(rules: [TrailingWhitespaceRule.self])
        lineRulesOnly.streamsFrom = 1
        #expect(try lineRulesOnly.review(source: FlakySource(series: series)).patchesReadAgain == 0)
    }

    /// The rule's question asked of the code directly: `path:line` of the first of
    /// `occurrences` that reads the declaration.
    static func firstRead(of declaration: NewDeclaration, in views: [CodeView],
                          _ occurrences: [SeriesCode.PatchCode.Occurrence]) -> String? {
        for occurrence in occurrences {
            let view = views[occurrence.view]
            if case .read = IntroducedBeforeUseRule.classify(declaration, occurrence, in: view) {
                return "\(view.path):\(view.number(of: occurrence.token))"
            }
        }
        return nil
    }

    @Test("a patch's first-read index answers what looking at its code answers, for every name and kind")
    func readIndexIsFirstRead() throws {
        let repo = try Self.fixture()
        let repository = try GitRepository.open(discoveringFrom: repo.path)
        let series = try SeriesLoader(repository: repository).load(.revisions(["HEAD~3..HEAD"]))
        var checked = 0
        for patch in series.patches + SeriesFastPathTests.patches {
            let views = CodeView.build(patch, .new)
            let index = IntroducedBeforeUseRule.readIndex(of: views)
            let occurrences = SeriesCode.PatchCode.changedIdentifiers(
                among: NameFilter(Set(views.flatMap { $0.tokens.filter { $0.kind == .identifier }.map(\.text) })),
                in: views)
            for (name, found) in occurrences where !CKeywords.all.contains(name) {
                for kind in IntroducedBeforeUseRule.FirstReads.kinds {
                    let declaration = NewDeclaration(kind: kind, name: name, container: "", path: "x.c",
                                                     line: DiffLine(kind: .added, oldNumber: nil, newNumber: 1, text: ""),
                                                     view: -1, token: -1)
                    #expect(index.firstRead(of: declaration)
                            == Self.firstRead(of: declaration, in: views, found), "\(name) as \(kind)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    @Test("name digests never rule out a name they hold")
    func nameDigest() {
        var builder = NameDigest.Builder()
        let names = ["kvm", "fast_roots", "\u{212A}vm", "x"]
        for name in names { builder.insert(name) }
        let digest = builder.digest
        #expect(names.allSatisfy(digest.mayContain))
        // Canonically equal spellings are one name, as in a Set.
        #expect(digest.mayContain("Kvm") == Set(names).contains("Kvm"))
        #expect(!digest.mayContainAny(of: []))
        #expect(digest.mayContainAny(of: ["absent", "fast_roots"]))
    }
}
