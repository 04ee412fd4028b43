import Foundation
import Testing
@testable import PatchLint

/// Builds a small repository with the `git` CLI (test only: the product never runs git),
/// mails it with `git format-patch`, reads the mails back, and checks every file and every
/// line against evidence git produces independently of our parser:
/// - `git diff-tree --raw`: status, paths, modes, similarity;
/// - `git diff-tree --numstat`: added/removed counts and the binary flag;
/// - `git diff-tree -U0` hunk headers: exactly which old lines are removed and which new
///   lines are added;
/// - the blobs themselves (`git cat-file`): the text of every line at its old and new number,
///   and whether the file ends without a newline.
@Suite("Mail input equals git")
struct MailGitEquivalenceTests {
    static var gitAvailable: Bool {
        let found = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
        if !found { print("Mail input equals git: SKIPPED, /usr/bin/git is absent") }
        return found
    }

    @Test("git format-patch output parses to exactly what git reports", .enabled(if: gitAvailable))
    func formatPatchMatchesGit() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try buildHistory(repo)

        let options = ["-M", "-C", "--find-copies-harder"]
        let mbox = try repo.git(["format-patch", "--root", "--stdout", "--from=Mail Sender <sender@example.org>"]
                                + options + ["HEAD"])
        let series = try MailInput.readSeries(bytes: mbox, sourceName: "format-patch")
        let shas = try repo.gitLines(["rev-list", "--reverse", "HEAD"])
        try #require(series.patches.count == shas.count)
        #expect(series.notes.isEmpty)
        // The history really exercises what it is meant to (so the comparison below is not vacuous).
        let allFiles = series.patches.flatMap(\.files)
        let allLines = allFiles.flatMap(\.hunks).flatMap(\.lines)
        #expect(Set(allFiles.map(\.status)) == [.added, .modified, .renamed, .copied, .deleted])
        #expect(allFiles.contains { $0.isBinary })
        #expect(allFiles.contains { $0.oldMode == "100644" && $0.newMode == "100755" && $0.isModeChangeOnly })
        #expect(allFiles.contains { $0.newMode == "120000" })
        #expect(allFiles.contains { $0.newPath == "t\tab.c" } && allFiles.contains { $0.newPath == "café.c" })
        #expect(allFiles.contains { $0.newPath == "sp ace.txt" && $0.status == .modified })
        #expect(allFiles.contains { $0.newPath == "empty.txt" && $0.hunks.isEmpty && !$0.isBinary })
        #expect(allLines.contains { !$0.hasNewline })
        #expect(allLines.contains { $0.kind == .removed && $0.text == "- " })  // a `-- ` diff line
        #expect(allLines.contains { $0.text.contains("☕") })
        #expect(series.patches.allSatisfy { $0.author?.email != "sender@example.org" })  // in-body From: won
        try compare(series, shas: shas, firstHasParent: false, options: options, repo: repo)
    }

    @Test("the seed patch (shared/seed) mailed by git parses to what git reports",
          .enabled(if: gitAvailable && FileManager.default.fileExists(atPath: seedScript),
                   "needs git and /work/shared/seed/make-seed-repo.sh"))
    func seedPatchMatchesGit() throws {
        let repo = try TemporaryRepository(empty: true)
        defer { repo.remove() }
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/bin/bash")
        build.arguments = [Self.seedScript, repo.url.path]
        build.standardOutput = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0)
        let options = ["-M"]
        let mbox = try repo.git(["format-patch", "--stdout"] + options + ["base..seed"])
        let series = try MailInput.readSeries(bytes: mbox, sourceName: "seed")
        let shas = try repo.gitLines(["rev-list", "--reverse", "base..seed"])
        try #require(series.patches.count == shas.count && !shas.isEmpty)
        #expect(series.patches.flatMap(\.files).flatMap(\.hunks).count >= 3)
        try compare(series, shas: shas, firstHasParent: true, options: options, repo: repo)
    }

    static let seedScript = "/work/shared/seed/make-seed-repo.sh"

    /// Compares each patch with its commit, file by file and line by line.
    private func compare(_ series: Series, shas: [String], firstHasParent: Bool, options: [String],
                         repo: TemporaryRepository) throws {
        for (k, sha) in shas.enumerated() {
            let patch = series.patches[k]
            #expect(patch.index == k + 1 && patch.total == shas.count)
            try checkMetadata(patch, sha: sha, repo: repo)

            let raw = try rawChanges(repo, sha: sha, options: options)
            let numstat = try numstatCounts(repo, sha: sha, options: options)
            let hunkRanges = try zeroContextRanges(repo, sha: sha, options: options)
            try #require(patch.files.count == raw.count, "commit \(k + 1): \(patch.files.map(\.path)) vs \(raw)")
            try #require(numstat.count == raw.count && hunkRanges.count == raw.count)
            let parent = k == 0 ? (firstHasParent ? sha + "^" : nil) : shas[k - 1]

            for (file, (change, (counts, ranges))) in zip(patch.files, zip(raw, zip(numstat, hunkRanges))) {
                let where_ = "commit \(k + 1) \(file.path)"
                #expect(file.oldPath == change.oldPath, "\(where_)")
                #expect(file.newPath == change.newPath, "\(where_)")
                #expect(file.status == change.status, "\(where_)")
                #expect(file.similarity == change.similarity, "\(where_)")
                #expect(file.oldMode == change.oldMode && file.newMode == change.newMode,
                        "\(where_): modes \(String(describing: file.oldMode)) \(String(describing: file.newMode)) vs \(change)")
                #expect(file.isBinary == (counts == nil), "\(where_)")
                if let counts {
                    #expect(file.addedLineCount == counts.added && file.removedLineCount == counts.removed, "\(where_)")
                }
                if file.isBinary { continue }

                let oldBlob = try parent.flatMap { p in try file.oldPath.map { try repo.blob(p, $0) } }
                let newBlob = try file.newPath.map { try repo.blob(sha, $0) }
                var added: Set<Int> = [], removed: Set<Int> = []
                for r in ranges {
                    removed.formUnion(r.oldStart..<(r.oldStart + r.oldCount))
                    added.formUnion(r.newStart..<(r.newStart + r.newCount))
                }
                var seenAdded: Set<Int> = [], seenRemoved: Set<Int> = []
                for line in file.hunks.flatMap(\.lines) {
                    switch line.kind {
                    case .added:
                        let n = try #require(line.newNumber)
                        #expect(line.oldNumber == nil && added.contains(n), "\(where_) +\(n)")
                        seenAdded.insert(n)
                        try expect(line, is: n, of: newBlob, where_)
                    case .removed:
                        let n = try #require(line.oldNumber)
                        #expect(line.newNumber == nil && removed.contains(n), "\(where_) -\(n)")
                        seenRemoved.insert(n)
                        try expect(line, is: n, of: oldBlob, where_)
                    case .context:
                        let o = try #require(line.oldNumber), n = try #require(line.newNumber)
                        #expect(!removed.contains(o) && !added.contains(n), "\(where_) context \(o)/\(n)")
                        try expect(line, is: o, of: oldBlob, where_)
                        try expect(line, is: n, of: newBlob, where_)
                    }
                }
                #expect(seenAdded == added && seenRemoved == removed, "\(where_): every changed line is there")
            }
        }
    }

    // MARK: the history

    private func buildHistory(_ repo: TemporaryRepository) throws {
        let cLines = (1...30).map { "int line\($0) = \($0);" }
        try repo.write("a.c", cLines.joined(separator: "\n") + "\n")
        try repo.write("notes.md", "# Notes\n- \n- item\n--\nend\n")
        try repo.write("nonl.txt", "one\ntwo\nthree")
        try repo.write("script.sh", "#!/bin/sh\necho hi\n")
        try repo.write("sp ace.txt", "spaced\n")
        try repo.write("README", "Grüße aus Zürich, café ☕\n")
        try repo.write("empty.txt", "")
        try repo.symlink("link", to: "a.c")
        try repo.commit("Initial import", body: "", author: "Plain Author <plain@example.org>", day: 1)

        var c2 = cLines
        c2[2] = "int line3 = 333; /* changed */"
        c2.insert(contentsOf: ["/* inserted */", "int extra;"], at: 15)
        c2.removeSubrange(26...27)
        try repo.write("a.c", c2.joined(separator: "\n") + "\n")
        try repo.write("nonl.txt", "one\ntwo\nthree!")
        try repo.chmod("script.sh", executable: true)
        try repo.write("logo.bin", (0...255).map { UInt8($0) })
        try repo.write("notes.md", "# Notes\n- item\n--\nend\n")
        try repo.commit("KVM: x86/mmu: Make the naïve café path a lot faster by avoiding the slow lookup entirely",
                        body: "From now on the lookup is cached.\n\nSigned-off-by: Zoë Ångström <zoe@example.org>",
                        author: "Zoë Ångström <zoe@example.org>", day: 2)

        try repo.git(["mv", "a.c", "src.c"])
        var c3 = c2
        c3[0] = "int line1 = -1;"
        try repo.write("src.c", c3.joined(separator: "\n") + "\n")
        try repo.write("t\tab.c", "tab\n")
        try repo.write("café.c", "/* ☕ */\n")
        try repo.remove("README")
        try repo.write("logo.bin", (0...255).reversed().map { UInt8($0) })
        try repo.write("nonl.txt", "one\ntwo\nthree!\n")
        try repo.commit("Rename, quoted paths, delete", body: "Signed-off-by: Plain Author <plain@example.org>",
                        author: "Plain Author <plain@example.org>", day: 3)

        var copy = c3
        copy[29 - 2] = "int copied;"
        try repo.write("copy.c", copy.joined(separator: "\n") + "\n")
        try repo.write("sp ace.txt", "spaced\nout\n")
        try repo.commit("Copy", body: "", author: "\"Doe, Jane\" <jane@example.org>", day: 4)
    }

    // MARK: evidence from git

    private func checkMetadata(_ patch: Patch, sha: String, repo: TemporaryRepository) throws {
        let fields = try repo.git(["log", "-1", "--format=%an%x00%ae%x00%at%x00%s%x00%b", sha])
        let parts = String(decoding: fields, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false)
        try #require(parts.count == 5)
        #expect(patch.author == Person(name: String(parts[0]), email: String(parts[1])))
        #expect(patch.date?.timeIntervalSince1970 == TimeInterval(parts[2]))
        #expect(patch.subject == String(parts[3]))
        #expect(patch.body == parts[4].trimmingWhitespace())
    }

    struct Change: CustomStringConvertible {
        var status: FileDiff.Status
        var oldPath: String?, newPath: String?
        var oldMode: String?, newMode: String?
        var similarity: Int?
        var description: String { "\(status) \(oldPath ?? "-") \(newPath ?? "-") \(oldMode ?? "-") \(newMode ?? "-")" }
    }

    /// `git diff-tree --raw -z`: `:oldmode newmode oldsha newsha X[score]` NUL path [NUL path].
    private func rawChanges(_ repo: TemporaryRepository, sha: String, options: [String]) throws -> [Change] {
        let out = try repo.git(["diff-tree", "--root", "-r", "--no-commit-id", "--raw", "-z"] + options + [sha])
        var fields = out.split(separator: 0, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }[...]
        var changes: [Change] = []
        while let meta = fields.popFirst() {
            let m = meta.dropFirst().split(separator: " ")
            let letter = m[4].first!
            let score = Int(m[4].dropFirst())
            let oldMode = m[0] == "000000" ? nil : String(m[0])
            let newMode = m[1] == "000000" ? nil : String(m[1])
            let first = fields.popFirst()!
            switch letter {
            case "R", "C":
                let second = fields.popFirst()!
                changes.append(Change(status: letter == "R" ? .renamed : .copied, oldPath: first, newPath: second,
                                      oldMode: oldMode, newMode: newMode, similarity: score))
            case "A": changes.append(Change(status: .added, oldPath: nil, newPath: first, newMode: newMode))
            case "D": changes.append(Change(status: .deleted, oldPath: first, newPath: nil, oldMode: oldMode))
            default: changes.append(Change(status: .modified, oldPath: first, newPath: first,
                                           oldMode: oldMode, newMode: newMode))
            }
        }
        return changes
    }

    /// `git diff-tree --numstat -z`: counts per file, nil for binary (`-\t-`).
    private func numstatCounts(_ repo: TemporaryRepository, sha: String, options: [String])
        throws -> [(added: Int, removed: Int)?] {
        let out = try repo.git(["diff-tree", "--root", "-r", "--no-commit-id", "--numstat", "-z"] + options + [sha])
        var fields = out.split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }[...]
        var counts: [(added: Int, removed: Int)?] = []
        while let record = fields.popFirst(), !record.isEmpty {
            let parts = record.split(separator: "\t", omittingEmptySubsequences: false)
            if parts.count == 3, parts[2].isEmpty {  // rename/copy: two NUL-separated paths follow
                _ = fields.popFirst(); _ = fields.popFirst()
            }
            counts.append(parts[0] == "-" ? nil : (Int(parts[0])!, Int(parts[1])!))
        }
        return counts
    }

    struct Range0 { var oldStart, oldCount, newStart, newCount: Int }

    /// The `@@ -a,b +c,d @@` headers of `git diff-tree -U0`, per file: with no context,
    /// they name exactly the removed old lines and the added new lines.
    private func zeroContextRanges(_ repo: TemporaryRepository, sha: String, options: [String]) throws -> [[Range0]] {
        let out = try repo.git(["diff-tree", "--root", "-r", "--no-commit-id", "-p", "-U0", "--binary"] + options + [sha])
        var files: [[Range0]] = []
        for line in out.split(separator: 0x0A) {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("diff --git ") { files.append([]); continue }
            guard text.hasPrefix("@@ -"), let end = text.range(of: " @@", options: [], range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { continue }
            let spec = text[text.index(text.startIndex, offsetBy: 3)..<end.lowerBound].split(separator: " ")
            func pair(_ s: Substring) -> (Int, Int) {
                let n = s.dropFirst().split(separator: ",")
                return (Int(n[0])!, n.count > 1 ? Int(n[1])! : 1)
            }
            let (a, b) = pair(spec[0]), (c, d) = pair(spec[1])
            files[files.count - 1].append(Range0(oldStart: a, oldCount: b, newStart: c, newCount: d))
        }
        return files
    }

    /// The line's text is the blob's line `number`, and it lacks a newline only where the
    /// blob ends without one.
    private func expect(_ line: DiffLine, is number: Int, of blob: [UInt8]?, _ where_: String) throws {
        let blob = try #require(blob, "\(where_): no blob for line \(number)")
        var lines = blob.split(separator: 0x0A, omittingEmptySubsequences: false)
        let endsWithNewline = blob.last == 0x0A
        if endsWithNewline { lines.removeLast() }
        try #require(number >= 1 && number <= lines.count, "\(where_): line \(number) of \(lines.count)")
        #expect(line.text == String(decoding: lines[number - 1], as: UTF8.self), "\(where_): line \(number)")
        let isUnterminated = number == lines.count && !endsWithNewline
        #expect(line.hasNewline == !isUnterminated, "\(where_): line \(number) newline")
    }
}

/// A throwaway repository driven through the git CLI with a fixed identity and clock.
struct TemporaryRepository {
    let url: URL

    /// A new directory with `git init` done, or left empty for a script to fill.
    init(empty: Bool = false) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mail-git-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if !empty { try git(["init", "-q", "-b", "main"]) }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(path))
        try git(["add", "--", path])
    }

    func symlink(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(path).path,
                                                   withDestinationPath: target)
        try git(["add", "--", path])
    }

    func chmod(_ path: String, executable: Bool) throws {
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644],
                                              ofItemAtPath: url.appendingPathComponent(path).path)
        try git(["add", "--", path])
    }

    func remove(_ path: String) throws { try git(["rm", "-q", "--", path]) }

    func commit(_ subject: String, body: String, author: String, day: Int) throws {
        let name = String(author[..<author.firstIndex(of: "<")!]).trimmingWhitespace()
            .replacingOccurrences(of: "\"", with: "")
        let email = String(author[author.index(after: author.firstIndex(of: "<")!)..<author.firstIndex(of: ">")!])
        let date = "2025-01-0\(day)T12:00:0\(day) +0200"
        try git(["commit", "-q", "-m", body.isEmpty ? subject : subject + "\n\n" + body],
                environment: ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
                              "GIT_COMMITTER_DATE": date])
    }

    func blob(_ commit: String, _ path: String) throws -> [UInt8] {
        try git(["cat-file", "blob", "\(commit):\(path)"])
    }

    func gitLines(_ args: [String]) throws -> [String] {
        String(decoding: try git(args), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @discardableResult
    func git(_ args: [String], environment extra: [String: String] = [:]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "core.quotepath=true", "-c", "diff.renames=true"] + args
        process.currentDirectoryURL = url
        var env = ["HOME": url.path, "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin",
                   "GIT_COMMITTER_NAME": "Committer", "GIT_COMMITTER_EMAIL": "committer@example.org",
                   "GIT_AUTHOR_NAME": "Author", "GIT_AUTHOR_EMAIL": "author@example.org", "LC_ALL": "C"]
        env.merge(extra) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError("git \(args.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return [UInt8](data)
    }
}
