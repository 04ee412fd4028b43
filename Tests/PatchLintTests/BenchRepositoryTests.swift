import Foundation
import Testing
@testable import PatchLint
import TestSupport

/// The benchmark repository of real KVM changes (`shared/bench/make-kvm-bench-repo.sh`:
/// Linux 6.1 -> 6.12, one commit per changed file), read and reviewed end to end with
/// git as the oracle. Skipped, with a message, where the repository has not been built
/// (`scripts/bench` builds it into .build/bench/kvm-bench; `$MMU_REVIEW_BENCH_REPO`
/// names another one).
@Suite("Bench repository", .serialized)
struct BenchRepositoryTests {
    static let path: String? = {
        var candidates: [String] = []
        if let given = ProcessInfo.processInfo.environment["MMU_REVIEW_BENCH_REPO"], !given.isEmpty {
            candidates.append(given)
        }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent(".build/bench/kvm-bench").path)
        candidates.append("/tmp/kvm-bench")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/.git") }
    }()

    static var available: Bool {
        if path == nil {
            print("Bench repository: SKIPPED, not built (scripts/bench builds .build/bench/kvm-bench; "
                  + "or set MMU_REVIEW_BENCH_REPO)")
        }
        return path != nil
    }

    static func git(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("/usr/bin/git", ["-C", path!] + arguments)
        guard result.status == 0 else { throw CocoaError(.fileReadUnknown) }
        return result.stdoutText
    }

    /// The whole range after the root commit, read once (both tests use it).
    static let series: Result<Series, any Error> = Result {
        let root = try git(["rev-list", "--max-parents=0", "HEAD"]).split(separator: "\n")[0]
        let repository = try GitRepository.open(discoveringFrom: path!)
        return try SeriesLoader(repository: repository).load(.revisions(["\(root)..HEAD"]))
    }

    /// `git log --numstat` of the range: per commit, path -> (added, removed), "-" for binary.
    static func numstat() throws -> [String: [String: (String, String)]] {
        let root = try git(["rev-list", "--max-parents=0", "HEAD"]).split(separator: "\n")[0]
        var out: [String: [String: (String, String)]] = [:]
        var commit = ""
        for line in try git(["log", "--numstat", "--no-renames", "--format=%H", "\(root)..HEAD"])
            .split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
            if fields.count == 3 {
                out[commit, default: [:]][fields[2]] = (fields[0], fields[1])
            } else {
                commit = String(line)
                out[commit] = out[commit] ?? [:]
            }
        }
        return out
    }

    @Test("every commit's files and line counts equal git log --numstat",
          .enabled(if: available, "needs the bench repository"))
    func readsLikeGit() throws {
        let series = try Self.series.get()
        let oracle = try Self.numstat()
        #expect(series.patches.count == oracle.count)
        #expect(series.patches.count > 250)
        for patch in series.patches {
            let expected = try #require(oracle[patch.id], "\(patch.id) is not in git log")
            var ours: [String: (String, String)] = [:]
            for file in patch.files {
                ours[file.path] = file.isBinary ? ("-", "-")
                    : (String(file.addedLineCount), String(file.removedLineCount))
            }
            #expect(ours.keys.sorted() == expected.keys.sorted(), "\(patch.shortID)")
            for (path, counts) in expected {
                #expect(ours[path]?.0 == counts.0 && ours[path]?.1 == counts.1,
                        "\(patch.shortID) \(path): ours \(String(describing: ours[path])), git \(counts)")
            }
        }
    }

    @Test("the review on both cores equals the sequential review; findings point into the patch",
          .enabled(if: available, "needs the bench repository"))
    func parallelReviewIsTheSequentialOne() throws {
        let series = try Self.series.get()
        var engine = ReviewEngine(rules: RuleRegistry.all)
        let parallel = engine.review(series)
        engine.workers = 1
        let sequential = engine.review(series)
        #expect(parallel == sequential)
        #expect(!parallel.isEmpty)
        print("Bench repository: \(series.patches.count) commits, \(parallel.count) diagnostics")

        for d in parallel {
            let patch = series.patches[d.patchIndex - 1]
            #expect(patch.id == d.patchID)
            guard let path = d.file, d.line > 0 else { continue }
            let file = try #require(patch.files.first { $0.path == path }, "\(d.ruleID) on \(path)")
            let line = file.hunks.lazy.flatMap(\.lines).first { $0.newNumber == d.line && $0.kind != .removed }
            #expect(line != nil, "\(d.ruleID) at \(path):\(d.line) is not in the post-image the patch shows")
        }
    }

    @Test("the streamed review of the range equals the review of the range in memory",
          .enabled(if: available, "needs the bench repository"))
    func streamedReviewIsTheReviewInMemory() throws {
        let series = try Self.series.get()
        let root = try Self.git(["rev-list", "--max-parents=0", "HEAD"]).split(separator: "\n")[0]
        let repository = try GitRepository.open(discoveringFrom: Self.path!)
        let source = try SeriesLoader(repository: repository).source(.revisions(["\(root)..HEAD"]))
        let engine = ReviewEngine(rules: RuleRegistry.all)
        let streamed = try engine.review(source: source)
        #expect(streamed.diagnostics == engine.review(series))
        #expect(streamed.series.patches.map(\.id) == series.patches.map(\.id))
        // Only patches with a new WARN/BUG or a module parameter are read again.
        #expect(streamed.patchesReadAgain > 0 && streamed.patchesReadAgain < series.patches.count / 4)
        print("Bench repository: streamed review read \(streamed.patchesReadAgain) of \(series.patches.count) commits again")
    }
}
