import Foundation
import Testing
import TestSupport

/// The built binary on hostile input: every input error is exit status 2 and exactly one
/// line on stderr; huge inputs are refused by size before being read; escape sequences
/// from a patch never reach the terminal raw; nothing crashes.
@Suite("mmu-review CLI on hostile input")
struct HostileInputCLITests {
    /// A scratch directory holding the given files.
    final class Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mmu-hostile-\(UUID().uuidString)")
        var path: String { url.path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = url.appendingPathComponent(name)
            try Data(bytes).write(to: file)
            return file.path
        }
    }

    static func mail(subject: String, body: String = "Body.\n\nSigned-off-by: A <a@example.org>",
                     diff: String) -> [UInt8] {
        Array("From: A <a@example.org>\nSubject: [PATCH] \(subject)\nMessage-Id: <h@example.org>\n\n\(body)\n---\n\(diff)".utf8)
    }

    static let smallDiff = "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-int a;\n+int b;\n"

    func expectInputError(_ result: Subprocess.Result, containing fragment: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, sourceLocation: sourceLocation)
        let stderr = result.stderrText
        #expect(stderr.hasSuffix("\n") && stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2,
                "exactly one line: \(stderr.debugDescription)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("mmu-review: ") && stderr.contains(fragment), "\(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    /// Peak resident set of a run, in KiB, measured by GNU time (nil where it is absent).
    func peakRSS(_ arguments: [String], directory: String, stdinFile: String? = nil) throws -> (Subprocess.Result, Int?) {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            print("mmu-review CLI on hostile input: RSS not measured, /usr/bin/time is absent")
            return (try ProductBinary.run(arguments, directory: directory), nil)
        }
        let report = directory + "/rss-\(UUID().uuidString)"
        var command = [time, "-f", "%M", "-o", report, ProductBinary.mmuReview] + arguments
        if stdinFile != nil {  // a regular file as standard input, as a shell redirection makes it
            command = ["/bin/sh", "-c", "exec \"$@\" < \"$STDIN_FILE\"", "sh"] + command
        }
        let result = try Subprocess.run(command[0], Array(command.dropFirst()), directory: directory,
                                        environment: GitFixture.environment.merging(["STDIN_FILE": stdinFile ?? ""]) { $1 })
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        return (result, Int(text.split(separator: "\n").last.map(String.init) ?? ""))
    }

    @Test("a 1 GB sparse file is refused by its size, without being read (file and stdin)")
    func gigabyteSparseFile() throws {
        let scratch = try Scratch()
        let big = scratch.url.appendingPathComponent("huge.mbox")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 1 << 30)  // a hole: no disk blocks, reads as zeros
        try handle.close()

        let (asFile, fileRSS) = try peakRSS([big.path], directory: scratch.path)
        expectInputError(asFile, containing: "huge.mbox: 1073741824 bytes, over the 256 MiB input limit")
        let (asStdin, stdinRSS) = try peakRSS(["-"], directory: scratch.path, stdinFile: big.path)
        expectInputError(asStdin, containing: "<stdin>: 1073741824 bytes, over the 256 MiB input limit")
        // Reading even the allowed 256 MiB would show; the binary alone is ~30 MB.
        print("mmu-review CLI on hostile input: peak RSS refusing 1 GB: file \(fileRSS.map { "\($0) KiB" } ?? "unmeasured"), "
              + "stdin \(stdinRSS.map { "\($0) KiB" } ?? "unmeasured")")
        for rss in [fileRSS, stdinRSS].compactMap({ $0 }) {
            #expect(rss < 100 * 1024, "peak RSS \(rss) KiB")
        }
    }

    @Test("an empty mbox, an empty file and empty stdin: exit 2, one line")
    func emptyInputs() throws {
        let scratch = try Scratch()
        let empty = try scratch.write("empty.mbox", [])
        expectInputError(try ProductBinary.run([empty], directory: scratch.path), containing: "empty.mbox: no patch found")
        let blank = try scratch.write("blank.mbox", Array("\n\n".utf8))
        expectInputError(try ProductBinary.run([blank], directory: scratch.path), containing: "no patch found")
        expectInputError(try ProductBinary.run(["-"], directory: scratch.path, input: Data()), containing: "<stdin>: no patch found")
    }

    @Test("escape sequences and control characters in subjects and lines are neutralised in text output")
    func escapeSequences() throws {
        let scratch = try Scratch()
        let diff = "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+int b; /* \u{1B}[2J\u{1B}]0;title\u{7} */ \n"
        let file = try scratch.write("esc.patch", Self.mail(subject: "a: \u{1B}[31mred\u{1B}[0m \u{9B}2J \u{202E}gnp.exe", diff: diff))
        let result = try ProductBinary.run([file, "--fail-on", "never"], directory: scratch.path)
        #expect(result.status == 0)
        let out = result.stdoutText + result.stderrText
        #expect(!out.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }, "\(out.debugDescription)")
        #expect(result.stdoutText.contains("a: \\x1b[31mred\\x1b[0m \\x9b2J \\u{202e}gnp.exe"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("[TRAILING_WHITESPACE]"))  // the hostile line was reviewed
    }

    @Test("escape sequences in error messages and in arguments are neutralised, still one line")
    func escapeSequencesInErrors() throws {
        let scratch = try Scratch()
        let cut = try scratch.write("cut.patch", Self.mail(subject: "\u{1B}[2Jcut", diff: "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n a\u{1B}[2J\n"))
        expectInputError(try ProductBinary.run([cut], directory: scratch.path), containing: "ends inside hunk")
        // A revision-looking argument with a newline and an escape: one line, neutralised.
        let repo = try GitFixture()
        try repo.write("a.c", "int a;\n")
        try repo.commit("a: add\n\nAdd.\n\nSigned-off-by: Ann Author <ann@example.org>")
        expectInputError(try ProductBinary.run(["no\nsuch\u{1B}[2J"], directory: repo.path), containing: "unknown revision")
    }

    @Test("a hunk header whose counts lie and a patch cut mid-hunk: exit 2, one line naming the hunk")
    func lyingAndCutPatches() throws {
        let scratch = try Scratch()
        let lying = try scratch.write("lying.patch", Self.mail(subject: "lie", diff: "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-a\n+b\n+c\n+d\n"))
        expectInputError(try ProductBinary.run([lying], directory: scratch.path), containing: "hunk @@ -1,1 +1,1 @@ has more lines than its header says")
        let cut = try scratch.write("cut.diff", Array("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,4 +1,4 @@\n a\n-b\n".utf8))
        expectInputError(try ProductBinary.run([cut], directory: scratch.path), containing: "cut.diff: diff line 4: the diff ends inside hunk")
    }

    @Test("binary diffs, NUL bytes, invalid UTF-8 and `\\ No newline`: reviewed, JSON stays valid")
    func oddButValid() throws {
        let scratch = try Scratch()
        var diff = Array("""
            diff --git a/logo.png b/logo.png
            index 1111111..2222222 100644
            Binary files a/logo.png and b/logo.png differ
            diff --git a/a.c b/a.c
            --- a/a.c
            +++ b/a.c
            @@ -1,2 +1,2 @@
             int a;\u{0}
            -int b;

            """.utf8)
        diff += Array("+int \u{0}c; /* ".utf8) + [0xFF, 0xC3, 0x28] + Array(" */\n\\ No newline at end of file\n".utf8)
        let file = try scratch.write("odd.patch", Self.mail(subject: "odd", diff: String(decoding: diff, as: UTF8.self)))
        let result = try ProductBinary.run([file, "--format", "json", "--fail-on", "never"], directory: scratch.path)
        #expect(result.status == 0, "\(result.stderrText)")
        let doc = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let files = try #require((doc["commits"] as? [[String: Any]])?.first?["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["logo.png", "a.c"])
        #expect(files.map { $0["binary"] as? Bool } == [true, false])
        #expect(files.map { $0["added"] as? Int } == [0, 1] && files.map { $0["removed"] as? Int } == [0, 1])
    }

    @Test("a 10 MB single line is reviewed like any other")
    func tenMegabyteLine() throws {
        let scratch = try Scratch()
        let long = String(repeating: "x", count: 10 * 1024 * 1024)
        let file = try scratch.write("long.patch", Self.mail(subject: "long", diff: "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+\(long) \n"))
        let result = try ProductBinary.run([file, "--format", "json", "--fail-on", "never"], directory: scratch.path)
        #expect(result.status == 0, "\(result.stderrText.prefix(300))")
        let doc = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let files = try #require((doc["commits"] as? [[String: Any]])?.first?["files"] as? [[String: Any]])
        #expect(files.first?["added"] as? Int == 1)
        #expect((doc["diagnostics"] as? [[String: Any]])?.contains { $0["rule"] as? String == "TRAILING_WHITESPACE" } == true)
    }
}
