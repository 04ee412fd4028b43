import Foundation
import Testing
@testable import PatchLint

/// Input written to hurt: huge lines, NUL bytes, invalid UTF-8, hunk headers that lie,
/// patches cut short, binary diffs, control characters. Each is either read correctly or
/// refused with a one-line `InputError`; nothing crashes or hangs.
@Suite("Hostile input")
struct HostileInputTests {
    /// A one-file git diff around the given hunk lines.
    static func diff(_ hunk: String, header: String = "@@ -1,2 +1,2 @@", path: String = "a.c") -> [UInt8] {
        Array("diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n\(header)\n\(hunk)".utf8)
    }

    static func expectOneLineError(_ body: () throws -> Any, containing fragment: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try body()
            Issue.record("no error (expected one containing \(fragment))", sourceLocation: sourceLocation)
        } catch let error as InputError {
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
            #expect(!error.message.contains("\n"), sourceLocation: sourceLocation)
            #expect(error.message.count < 400, "an error message must stay readable", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not an InputError: \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a 10 MB added line is read whole, as one line")
    func tenMegabyteLine() throws {
        let long = String(repeating: "x", count: 10 * 1024 * 1024)
        let files = try UnifiedDiffParser.parse(Self.diff(" keep\n+\(long)\n", header: "@@ -1 +1,2 @@"))
        let lines = try #require(files.first?.hunks.first?.lines)
        #expect(lines.count == 2)
        #expect(lines[1].kind == .added && lines[1].text.utf8.count == long.utf8.count)
    }

    @Test("an oversized line is not lexed and only the length rules see it, whatever it holds")
    func oversizedLineIsOpaque() throws {
        // Half a million operators: a token each would be millions of tokens.
        let operators = String(repeating: "a+", count: OversizedLine.bytes)
        #expect(OversizedLine.isOversized(operators) && !OversizedLine.isOversized("\treturn a+b;"))
        // No tokens from it, and the comment state around it is kept: the comment it
        // would have opened does not swallow the next line.
        let tokens = CLexer.tokenize(["int a;", "/* " + operators, "int b;"])
        #expect(tokens.map(\.text) == ["int", "a", ";", "int", "b", ";"])
        let files = try UnifiedDiffParser.parse(Self.diff(" int a;\n+\(operators)\n+\tx=1;\n", header: "@@ -1 +1,3 @@"))
        let patch = Patch(origin: .mail, id: "m", subject: "x", files: files)
        let found = ReviewEngine(rules: RuleRegistry.all).review(Series(patches: [patch]))
        // The oversized line: LONG_LINE only (no SPACING for its operators, no exemption
        // search); the ordinary line after it is checked as usual.
        #expect(found.filter { $0.line == 2 }.map(\.ruleID) == ["LONG_LINE"])
        #expect(found.contains { $0.line == 3 && $0.ruleID == "SPACING" })
    }

    @Test("a 10 MB line in a mail subject, a header line and a diff header is handled")
    func tenMegabyteHeaders() throws {
        let long = String(repeating: "y ", count: 5 * 1024 * 1024)
        // A subject of 10 MB: read (and shortened in any error message).
        let mail = "From: A <a@example.org>\nSubject: [PATCH] \(long)\n\n---\n" + String(decoding: Self.diff(" a\n b\n"), as: UTF8.self)
        let series = try MailInput.readSeries(bytes: Array(mail.utf8), sourceName: "long-subject")
        #expect(series.patches.count == 1 && series.patches[0].subject.count > 10_000_000)
        // A `diff --git` line of 10 MB made of spaces-separated words: refused, briefly.
        let header = Array("diff --git a/\(long)\n\n".utf8)
        Self.expectOneLineError({ try UnifiedDiffParser.parse(header) }, containing: "diff line 1")
        // 10 MB without a single newline and no diff: not a patch.
        Self.expectOneLineError({ try MailInput.readSeries(bytes: Array(long.utf8), sourceName: "one-line") },
                                containing: "no patch found")
    }

    @Test("NUL bytes in diff lines, subjects and bodies are kept as text, not terminators")
    func nulBytes() throws {
        let files = try UnifiedDiffParser.parse(Self.diff("-a\u{0}b\n+a\u{0}c\n c\u{0}\n", header: "@@ -1,2 +1,2 @@"))
        let lines = try #require(files.first?.hunks.first?.lines)
        #expect(lines.map(\.text) == ["a\u{0}b", "a\u{0}c", "c\u{0}"])
        let mail = Array("From: A <a@example.org>\nSubject: [PATCH] nul\u{0}here\n\nBody\u{0}.\n---\n".utf8)
            + Self.diff(" a\n-b\n+c\n", header: "@@ -1,2 +1,2 @@")
        let series = try MailInput.readSeries(bytes: mail, sourceName: "nul")
        #expect(series.patches.first?.subject == "nul\u{0}here")
        #expect(series.patches.first?.files.first?.addedLineCount == 1)
    }

    @Test("invalid UTF-8 decodes to U+FFFD without shifting lines or counts")
    func invalidUTF8() throws {
        var bytes = Array("diff --git a/x\u{FF}.c b/x\u{FF}.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n".utf8)
        bytes += [UInt8(ascii: " "), 0xC3, 0x28, 0x0A]            // a truncated two-byte sequence
        bytes += [UInt8(ascii: "-"), 0xED, 0xA0, 0x80, 0x0A]      // an encoded surrogate
        bytes += [UInt8(ascii: "+"), 0xF8, 0x88, 0x80, 0x80, 0x80, 0x0A]  // a five-byte form
        let files = try UnifiedDiffParser.parse(bytes)
        let lines = try #require(files.first?.hunks.first?.lines)
        #expect(lines.map(\.kind) == [.context, .removed, .added])
        #expect(lines.allSatisfy { $0.text.contains("\u{FFFD}") })
        #expect(lines[0].text == "\u{FFFD}(")
    }

    @Test("a hunk header whose counts lie is refused, naming the hunk")
    func lyingCounts() throws {
        // More lines than the header says.
        Self.expectOneLineError({ try UnifiedDiffParser.parse(Self.diff(" a\n-b\n+c\n+d\n", header: "@@ -1,2 +1,2 @@")) },
                                containing: "has more lines than its header says")
        // Fewer lines than the header says, with another file after it.
        let short = Self.diff(" a\n+b\n", header: "@@ -1,1 +1,5 @@") + Self.diff(" x\n y\n", path: "b.c")
        Self.expectOneLineError({ try UnifiedDiffParser.parse(short) }, containing: "@@ -1,1 +1,5 @@")
        // Absurd counts: refused without reserving memory for them.
        Self.expectOneLineError({ try UnifiedDiffParser.parse(Self.diff(" a\n", header: "@@ -1,9999999999 +1,9999999999 @@")) },
                                containing: "diff line")
        Self.expectOneLineError({ try UnifiedDiffParser.parse(Self.diff(" a\n", header: "@@ -1,999999999 +1,999999999 @@")) },
                                containing: "ends inside hunk")
    }

    @Test("a patch that ends mid-hunk is refused")
    func endsMidHunk() throws {
        Self.expectOneLineError({ try UnifiedDiffParser.parse(Self.diff(" a\n-b\n", header: "@@ -1,3 +1,3 @@")) },
                                containing: "ends inside hunk @@ -1,3 +1,3 @@ (1 old and 2 new lines missing)")
        // Cut in the middle of the headers.
        Self.expectOneLineError({ try UnifiedDiffParser.parse(Array("diff --git a/a.c b/a.c\n--- a/a.c\n".utf8)) },
                                containing: "without a following `+++`")
        // A mail whose diff is cut mid-hunk: the mail is malformed, and with no other patch it is the error.
        let mail = Array("From: A <a@example.org>\nSubject: [PATCH] cut\n\n---\n".utf8)
            + Self.diff(" a\n-b", header: "@@ -1,3 +1,2 @@")
        Self.expectOneLineError({ try MailInput.readSeries(bytes: mail, sourceName: "cut.patch") },
                                containing: "cut.patch: mail \"[PATCH] cut\": diff line")
    }

    @Test("`\\ No newline at end of file` marks the right line on each side and is not counted")
    func noNewlineAtEndOfFile() throws {
        let text = " a\n-b\n\\ No newline at end of file\n+c\n+d\n\\ No newline at end of file\n"
        let files = try UnifiedDiffParser.parse(Self.diff(text, header: "@@ -1,2 +1,3 @@"))
        let lines = try #require(files.first?.hunks.first?.lines)
        #expect(lines.map(\.text) == ["a", "b", "c", "d"])
        #expect(lines.map(\.hasNewline) == [true, false, true, false])
        #expect(files[0].addedLineCount == 2 && files[0].removedLineCount == 1)
        // A marker in a language other than English is recognised by its backslash too.
        let german = try UnifiedDiffParser.parse(Self.diff("-a\n+b\n\\ Kein Zeilenumbruch am Dateiende.\n", header: "@@ -1 +1 @@"))
        #expect(german.first?.hunks.first?.lines.map(\.hasNewline) == [true, false])
    }

    @Test("binary diffs: `Binary files … differ` and `GIT binary patch` are binary files without lines")
    func binaryDiffs() throws {
        let text = """
            diff --git a/logo.png b/logo.png
            index 1111111..2222222 100644
            Binary files a/logo.png and b/logo.png differ
            diff --git a/blob.bin b/blob.bin
            new file mode 100644
            index 0000000..3333333
            GIT binary patch
            literal 5
            McmZQzWMXCH000310RR91

            literal 0
            HcmV?d00001

            diff --git a/after.c b/after.c
            --- a/after.c
            +++ b/after.c
            @@ -1 +1 @@
            -x
            +y

            """
        let files = try UnifiedDiffParser.parse(text)
        #expect(files.map(\.path) == ["logo.png", "blob.bin", "after.c"])
        #expect(files.map(\.isBinary) == [true, true, false])
        #expect(files[0].hunks.isEmpty && files[1].hunks.isEmpty && files[1].status == .added)
        #expect(files[2].addedLineCount == 1)
    }

    @Test("escape sequences in names and lines never reach an error message raw")
    func controlCharactersInErrors() throws {
        let names = Array("diff --git \u{1B}[2J\u{1B}]0;pwned\u{7}\n\n".utf8)
        do {
            _ = try UnifiedDiffParser.parse(names)
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(!error.message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
        let mail = Array("From: A <a@example.org>\nSubject: [PATCH] \u{1B}[31mred\u{1B}[0m\n\n---\n".utf8)
            + Self.diff(" a\n", header: "@@ -1,5 +1,5 @@")
        do {
            _ = try MailInput.readSeries(bytes: mail, sourceName: "esc")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(!error.message.unicodeScalars.contains { $0.value == 0x1B })
            #expect(error.message.contains("?[31mred?[0m"))
        }
    }

    @Test("empty and blank inputs are an error, not an empty review")
    func emptyInputs() {
        for bytes in [[], Array("\n\n\n".utf8), Array("From mboxrd@z Thu Jan  1 00:00:00 1970\n".utf8), [0, 0, 0]] as [[UInt8]] {
            Self.expectOneLineError({ try MailInput.readSeries(bytes: bytes, sourceName: "empty") }, containing: "no patch found")
        }
    }
}
