import Foundation
import Testing
@testable import PatchLint
import TestSupport

/// SUBJECT_PREFIX's history (`GitHistoryProvider`) walks commits in `git log`'s order
/// through its own date queue: git itself is the oracle, on a history with a side
/// branch, a merge and commits touching several files.
@Suite("Git history for SUBJECT_PREFIX")
struct GitHistoryProviderTests {
    static func history() throws -> GitFixture {
        let repo = try GitFixture()
        func change(_ paths: [String], _ subject: String) throws {
            for path in paths { try repo.write(path, "\(subject)\n") }
            try repo.commit(subject)
        }
        try change(["arch/x86/kvm/mmu/mmu.c", "virt/kvm/kvm_main.c"], "KVM: start")
        try change(["arch/x86/kvm/x86.c"], "KVM: x86: one")
        try repo.git("checkout", "-q", "-b", "side", "HEAD~1")
        try change(["arch/x86/kvm/mmu/tdp_mmu.c"], "KVM: x86/mmu: side one")
        try change(["virt/kvm/kvm_main.c"], "KVM: side two")
        try repo.git("checkout", "-q", "master")
        try change(["arch/x86/kvm/mmu/mmu.c"], "KVM: x86/mmu: main two")
        try repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side")
        try change(["arch/x86/kvm/mmu/mmu.c", "arch/x86/kvm/x86.c"], "KVM: x86: three")
        try change(["arch/x86/kvm/x86.c"], "KVM: x86: four")
        return repo
    }

    @Test("subjects touching paths are git log --no-merges --full-history's, newest first",
          arguments: ["newest first", "oldest first"])
    func agreesWithGitLog(order: String) throws {
        let repo = try Self.history()
        // One provider for every question: asked oldest first, later walks reuse the
        // walks below their commits (a straight line of history), across the merge too.
        let provider = try GitHistoryProvider(repository: try GitRepository.open(discoveringFrom: repo.path))
        let paths: [[String]] = [["arch/x86/kvm/mmu/mmu.c"], ["virt/kvm/kvm_main.c"], ["arch/x86/kvm/x86.c"],
                                 ["arch/x86/kvm/mmu/mmu.c", "virt/kvm/kvm_main.c"], ["arch/x86/kvm/mmu"], ["absent.c"]]
        let newestFirst = try repo.git("rev-list", "HEAD").split(separator: "\n").map(String.init)
        let commits = order == "newest first" ? newestFirst : newestFirst.reversed()
        var compared = 0
        for limit in [1, 2, 50] {
            for touched in paths {
                // nil: HEAD and its ancestors (mail, the index); a commit: its ancestors only.
                for before in [nil] + commits.map(Optional.some) {
                    // The root commit has no ancestors (and `git log` with no revision
                    // would mean HEAD).
                    let isRoot = before == newestFirst.last
                    let revisions = before.map { ["\($0)^@"] } ?? ["HEAD"]
                    let expected = isRoot ? [] : try repo.git(["log", "--no-merges", "--full-history", "--format=%s",
                                                               "-n", "\(limit)"] + revisions + ["--"] + touched)
                        .split(separator: "\n").map(String.init)
                    #expect(provider.subjects(touching: touched, before: before, limit: limit) == expected,
                            "\(touched) before \(before ?? "HEAD (inclusive)") limit \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared == 3 * 6 * (commits.count + 1))
    }

    @Test("a walk stops after as many commits as it may scan, merges counted, whatever walks it reuses",
          arguments: [1, 2, 3, 5])
    func scanCap(cap: Int) throws {
        let repo = try Self.history()
        let provider = try GitHistoryProvider(repository: try GitRepository.open(discoveringFrom: repo.path),
                                              maxCommitsScanned: cap)
        let newestFirst = try repo.git("rev-list", "HEAD").split(separator: "\n").map(String.init)
        for before in newestFirst.reversed().dropFirst() {
            for touched in [["arch/x86/kvm/mmu/mmu.c"], ["arch/x86/kvm/mmu"], ["arch/x86/kvm/x86.c"]] {
                // The commits a walk scans are git log's, merges included; of the first
                // `cap`, those that touch the paths count.
                let scanned = Set(try repo.git("log", "--full-history", "--format=%H", "-n", "\(cap)", "\(before)^@")
                    .split(separator: "\n").map(String.init))
                let expected = try repo.git(["log", "--no-merges", "--full-history", "--format=%H %s", "\(before)^@",
                                             "--"] + touched)
                    .split(separator: "\n").filter { scanned.contains(String($0.prefix(40))) }
                    .map { String($0.dropFirst(41)) }
                #expect(provider.subjects(touching: touched, before: before, limit: 50) == expected,
                        "\(touched) before \(before.prefix(8)), cap \(cap)")
            }
        }
    }
}
