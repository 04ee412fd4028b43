import Foundation
import Testing
import TestSupport

/// The fuzz targets, built normally (no libFuzzer), replay their seed corpora: the seeds
/// and any regression inputs under Tests/Fuzz stay crash-free in every `swift test`, and
/// the targets keep building and running (docs/fuzzing.md).
@Suite("Fuzz seed corpora replay")
struct HostileFuzzCorpusTests {
    static let targets = ["FuzzMailParser", "FuzzUnifiedDiff", "FuzzCLexer", "FuzzConditionParser"]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test("each fuzz target replays its seed corpus without a crash", arguments: targets)
    func replay(target: String) throws {
        let binary = URL(fileURLWithPath: ProductBinary.mmuReview).deletingLastPathComponent()
            .appendingPathComponent(target).path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(binary) is not built")
        let corpus = Self.packageRoot.appendingPathComponent("Tests/Fuzz/corpus-\(target)").path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(seeds >= 5)
        let result = try Subprocess.run(binary, [corpus], directory: Self.packageRoot.path)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "replayed \(seeds) inputs without a crash\n")
    }
}
