import Foundation
import Testing
@testable import PatchLint
import TestSupport

/// Reads the real kvm-ppc list archive (shared/corpora, mboxrd, 5,965 mails) end to end.
/// Skipped, with a message, where the corpus or `xz` is not available.
@Suite("Mail corpus")
struct MailCorpusTests {
    /// `$MMU_REVIEW_CORPUS`, else shared/corpora beside the checkout (where CI puts it).
    static let corpusPath: String = {
        if let given = ProcessInfo.processInfo.environment["MMU_REVIEW_CORPUS"], !given.isEmpty { return given }
        return (SharedData.root?.appendingPathComponent("corpora/kvm-ppc.mbox.xz").path)
            ?? "/work/shared/corpora/kvm-ppc.mbox.xz"
    }()

    static var corpusAvailable: Bool {
        let present = FileManager.default.fileExists(atPath: corpusPath)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/xz")
        if !present { print("Mail corpus: SKIPPED, \(corpusPath) (or /usr/bin/xz) is absent") }
        return present
    }

    @Test("the whole kvm-ppc archive reads without an error",
          .enabled(if: corpusAvailable, "needs shared/corpora/kvm-ppc.mbox.xz and xz"))
    func wholeArchive() throws {
        let bytes = try Self.corpus()
        let messages = MailboxSplitter.split(bytes)
        let clock = ContinuousClock()
        let start = clock.now
        let series = try MailInput.readSeries(bytes: bytes, sourceName: "kvm-ppc.mbox")
        let elapsed = clock.now - start
        let malformed = series.notes.filter { $0.hasPrefix("skipped a malformed mail") }
        // Information for the report, not an assertion.
        print("Mail corpus: \(messages.count) mails, \(series.patches.count) patches, "
              + "\(series.patches.reduce(0) { $0 + $1.files.count }) file diffs, "
              + "\(malformed.count) malformed mails, read in \(elapsed)")
        for note in malformed.prefix(40) { print("  \(note)") }

        #expect(messages.count == 5_965)
        // The archive description says about 2,400 mails carry patches.
        #expect(series.patches.count > 2_000 && series.patches.count < 3_000)
        #expect(malformed.count < series.patches.count / 100)
        for patch in series.patches {
            #expect(!patch.files.isEmpty)
            #expect(patch.origin == .mail)
            for file in patch.files {
                for hunk in file.hunks {
                    #expect(hunk.lines.filter { $0.kind != .added }.count == hunk.oldCount)
                    #expect(hunk.lines.filter { $0.kind != .removed }.count == hunk.newCount)
                }
            }
        }
    }

    /// An archive is many series at once: numbers repeat, series are incomplete. Every
    /// rule runs over it (this once crashed in the semantic review) and every finding
    /// lands on a line of its own mail.
    @Test("every rule reviews the whole archive; findings land on their own mail",
          .enabled(if: corpusAvailable, "needs shared/corpora/kvm-ppc.mbox.xz and xz"))
    func reviewWholeArchive() throws {
        let series = try MailInput.readSeries(bytes: try Self.corpus(), sourceName: "kvm-ppc.mbox")
        let diagnostics = ReviewEngine(rules: RuleRegistry.all).review(series)
        print("Mail corpus: \(diagnostics.count) diagnostics on \(series.patches.count) patches")
        #expect(diagnostics.count > series.patches.count)
        var misplaced = 0
        for d in diagnostics {
            let patch = series.patches[d.patchIndex - 1]
            guard patch.id == d.patchID else { misplaced += 1; continue }
            guard let path = d.file, d.line > 0 else { continue }
            let shown = patch.files.contains { file in
                file.path == path && file.hunks.contains { $0.lines.contains { $0.newNumber == d.line } }
            }
            if !shown { misplaced += 1 }
        }
        #expect(misplaced == 0)
    }

    /// The decompressed archive, read once per test run (the suites run in parallel).
    static func corpus() throws -> [UInt8] {
        try decompressed.get()
    }

    private static let decompressed: Result<[UInt8], any Error> = Result { try decompress(corpusPath) }

    private static func decompress(_ path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xz")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "xz -dc \(path) failed"])
        }
        return [UInt8](data)
    }
}
