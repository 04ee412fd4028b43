import Foundation
import Testing
@testable import PatchLint

/// Every mail of the real kvm-ppc archive, read by mmu-review and by git: the files and
/// per-file added/removed counts must be the same (docs/corpus-results.md explains the
/// numbers and the exceptions). git is the oracle here only (scripts/corpus-oracle).
///
/// `CORPUS_ORACLE_DIR` names an oracle directory already built by scripts/corpus-oracle
/// (scripts/corpus-agreement passes it); otherwise the test builds one in a temporary folder.
@Suite("Mail corpus agreement with git")
struct MailCorpusAgreementTests {
    static var available: Bool {
        let tools = ["/usr/bin/xz", "/usr/bin/git"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        let present = tools && FileManager.default.fileExists(atPath: MailCorpusTests.corpusPath)
        if !present {
            print("Mail corpus agreement: SKIPPED, \(MailCorpusTests.corpusPath), xz or git is absent")
        }
        return present
    }

    /// How one mail compares.
    enum Comparison: String, CaseIterable {
        case samePatch = "both read a patch: same files and counts"
        case neitherPatch = "neither reads a patch"
        case bothRefuse = "both refuse the diff as malformed"
        case coverLetterWithDiff = "cover letter carrying an interdiff/diffstat-diff (not a patch by design)"
        case disagree = "DISAGREE"
    }

    @Test("files and per-file line counts equal git mailinfo + git apply --numstat, mail by mail",
          .enabled(if: available, "needs shared/corpora/kvm-ppc.mbox.xz, xz and git"))
    func agreement() throws {
        let oracle: MailCorpusOracle
        var temporary: URL?
        if let given = ProcessInfo.processInfo.environment["CORPUS_ORACLE_DIR"], !given.isEmpty {
            oracle = MailCorpusOracle(directory: URL(fileURLWithPath: given))
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mmu-corpus-oracle-\(getpid())")
            temporary = dir
            oracle = try MailCorpusOracle.build(mbox: MailCorpusTests.corpusPath, into: dir)
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        let messages = MailboxSplitter.split(try MailCorpusTests.corpus())
        // The same split as git's: same number of mails, byte for byte the same mails.
        try #require(oracle.mailCount == messages.count)
        var splitDifferences: [Int] = []
        for (k, message) in messages.enumerated() where message.bytes != oracle.mailBytes(k + 1) {
            splitDifferences.append(k + 1)
        }
        #expect(splitDifferences.isEmpty, "mails split differently from git mailsplit --mboxrd: \(splitDifferences.prefix(20))")

        var tally: [Comparison: Int] = [:]
        var disagreements: [String] = []
        var ourPatches = 0, gitPatches = 0, filesCompared = 0
        for (k, message) in messages.enumerated() {
            let mail = MailMessage(bytes: message.bytes)
            let ours = PatchMailParser.parse(mail, position: k + 1)
            let git = oracle.verdict(k + 1)
            let comparison: Comparison
            var detail = ""
            switch (ours, git) {
            case (.patch(let patch, _), .files(let counts)):
                let mine = patch.files.map(Self.count)
                if mine == counts {
                    comparison = .samePatch
                    filesCompared += counts.count
                } else {
                    comparison = .disagree
                    detail = "ours \(mine) git \(counts)"
                }
            case (.notAPatch, .noPatch), (.coverLetter, .noPatch):
                comparison = .neitherPatch
            case (.malformed, .rejected):
                comparison = .bothRefuse
            case (.coverLetter, .files):
                comparison = .coverLetterWithDiff
            case (.patch(let patch, _), _):
                comparison = .disagree
                detail = "ours \(patch.files.map(Self.count)) git \(git)"
            case (.malformed(let error, _), _):
                comparison = .disagree
                detail = "ours: \(error.message) git \(git)"
            case (.notAPatch, _), (.coverLetter, _):
                comparison = .disagree
                detail = "ours: no patch, git \(git)"
            }
            if case .patch = ours { ourPatches += 1 }
            if case .files = git { gitPatches += 1 }
            tally[comparison, default: 0] += 1
            if comparison == .disagree {
                disagreements.append("mail \(k + 1) \"\(PatchMailParser.printable(mail.subject))\": \(detail)")
            }
        }

        print("Corpus agreement: \(messages.count) mails; git reads a patch in \(gitPatches), mmu-review in \(ourPatches); \(filesCompared) file diffs compared")
        for comparison in Comparison.allCases {
            print("Corpus agreement: \(tally[comparison, default: 0])\t\(comparison.rawValue)")
        }
        for line in disagreements { print("Corpus agreement: \(line)") }
        #expect(disagreements.isEmpty, "\(disagreements.count) mails read differently from git")
        // Not vacuous: the archive really is full of patches.
        #expect(tally[.samePatch, default: 0] > 2_000)
    }

    static func count(_ file: FileDiff) -> MailCorpusOracle.FileCount {
        file.isBinary ? .init(path: file.path, added: nil, removed: nil)
            : .init(path: file.path, added: file.addedLineCount, removed: file.removedLineCount)
    }
}
