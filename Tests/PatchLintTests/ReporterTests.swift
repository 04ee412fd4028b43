import Foundation
import Testing
@testable import PatchLint

/// Every output format on one small two-commit series with a line finding and a
/// commit-level finding.
@Suite("Reporters")
struct ReporterTests {
    static let sha1 = String(repeating: "a", count: 40)
    static let sha2 = String(repeating: "b", count: 40)

    static var report: ReviewReport {
        let hunk = Hunk(oldStart: 1, newStart: 1, body: [
            (.context, "int a;"), (.added, "module_param(x, bool, S_IRUGO);"), (.added, "int b; "),
        ])
        let p1 = Patch(origin: .commit, id: sha1, subject: "foo: add x", body: "Signed-off-by: A <a@x>",
                       index: 1, total: 2, files: [FileDiff(oldPath: "drivers/foo.c", newPath: "drivers/foo.c",
                                                            status: .modified, hunks: [hunk])])
        let p2 = Patch(origin: .commit, id: sha2, subject: "foo: \u{1B}[2Jsneaky", body: "",
                       index: 2, total: 2, files: [FileDiff(oldPath: "a,b:c.c", newPath: "a,b:c.c", status: .modified)])
        let series = Series(patches: [p1, p2])
        let diagnostics = ReviewEngine(rules: RuleRegistry.all).review(series)
        return ReviewReport(series: series, diagnostics: diagnostics)
    }

    @Test("the engine found what the formats will show")
    func findings() {
        #expect(Self.report.diagnostics.map(\.ruleID) == ["SYMBOLIC_PERMS", "TRAILING_WHITESPACE", "MISSING_SIGN_OFF"])
    }

    @Test("JSON is exactly the version 1 contract")
    func json() {
        let text = JSONReporter().render(Self.report)
        #expect(text.hasPrefix(#"{"version":1,"commits":[{"sha":"\#(Self.sha1)","subject":"foo: add x","index":1,"total":2,"files":[{"path":"drivers/foo.c","added":2,"removed":0,"binary":false}]},"#))
        #expect(text.contains(#""index":2,"total":2,"files":[{"path":"a,b:c.c","added":0,"removed":0,"binary":false}]}],"diagnostics":"#))
        #expect(text.contains(#"{"rule":"SYMBOLIC_PERMS","severity":"warning","commit":"\#(Self.sha1)","file":"drivers/foo.c","line":2,"message":"Symbolic permissions 'S_IRUGO' are not preferred. Consider using octal permissions '0444'.","suggestion":"0444"}"#))
        #expect(text.contains(#"{"rule":"MISSING_SIGN_OFF","severity":"error","commit":"\#(Self.sha2)","file":null,"line":0,"message":"Missing Signed-off-by: line(s)"}"#))
        #expect(text.contains(#""subject":"foo: \u001b[2Jsneaky""#))
        #expect(text.hasSuffix(#""summary":{"error":2,"warning":1,"note":0}}"# + "\n"))
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }

    @Test("JSON files: one entry per file in diff order; deletions by old path; binary files counted 0")
    func jsonFiles() throws {
        let hunk = Hunk(oldStart: 3, newStart: 3, body: [(.removed, "a"), (.removed, "b"), (.added, "c"), (.context, "d")])
        let gone = Hunk(oldStart: 1, newStart: 0, body: [(.removed, "x")])
        let patch = Patch(origin: .mail, id: "m@example.org", subject: "s", files: [
            FileDiff(oldPath: "old.c", newPath: "new.c", status: .renamed, similarity: 90, hunks: [hunk]),
            FileDiff(oldPath: "logo.png", newPath: "logo.png", status: .modified, isBinary: true),
            FileDiff(oldPath: "gone.c", newPath: nil, status: .deleted, hunks: [gone]),
        ])
        let text = JSONReporter().render(ReviewReport(series: Series(patches: [patch]), diagnostics: []))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["version"] as? Int == 1)
        let files = try #require((doc["commits"] as? [[String: Any]])?.first?["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["new.c", "logo.png", "gone.c"])
        #expect(files.map { $0["added"] as? Int } == [1, 0, 0])
        #expect(files.map { $0["removed"] as? Int } == [2, 0, 1])
        #expect(files.map { $0["binary"] as? Bool } == [false, true, false])
    }

    @Test("SARIF 2.1.0 with rules metadata and a location on every result")
    func sarif() throws {
        let text = SARIFReporter(rules: RuleRegistry.all.map { $0.description }, toolVersion: "9.9").render(Self.report)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == RuleRegistry.all.map { $0.description.id })
        #expect(rules.allSatisfy { ($0["shortDescription"] as? [String: Any])?["text"] is String
            && ($0["fullDescription"] as? [String: Any])?["text"] is String && ($0["help"] as? [String: Any])?["text"] is String })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        for result in results {
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = (location["artifactLocation"] as? [String: Any])?["uri"] as? String
            #expect(uri?.isEmpty == false)
            #expect(((location["region"] as? [String: Any])?["startLine"] as? Int ?? 0) >= 1)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
        }
        #expect(results[0]["ruleId"] as? String == "SYMBOLIC_PERMS")
        // The commit-level finding points at the first file the commit touches.
        let last = try #require((results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((last["artifactLocation"] as? [String: Any])?["uri"] as? String == "a,b:c.c")
    }

    @Test("GitHub annotations escape data and properties as the runner requires")
    func github() {
        #expect(GitHubAnnotationsReporter.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubAnnotationsReporter.escapeProperty("a,b:c.c") == "a%2Cb%3Ac.c")
        let lines = GitHubAnnotationsReporter().render(Self.report).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "::warning file=drivers/foo.c,line=2,title=SYMBOLIC_PERMS::Symbolic permissions 'S_IRUGO' are not preferred. Consider using octal permissions '0444'.%0ASuggestion: 0444")
        #expect(lines[1].hasPrefix("::error file=drivers/foo.c,line=3,title=TRAILING_WHITESPACE::"))
        #expect(lines[2] == "::error title=MISSING_SIGN_OFF::commit bbbbbbbbbbbb: Missing Signed-off-by: line(s)")
    }

    @Test("checkpatch layout: TYPE line, #N: FILE: path:line:, the + line, totals")
    func checkpatch() {
        let text = CheckpatchReporter().render(Self.report)
        #expect(text.contains("""
            WARNING:SYMBOLIC_PERMS: Symbolic permissions 'S_IRUGO' are not preferred. Consider using octal permissions '0444'.
            #7: FILE: drivers/foo.c:2:
            +module_param(x, bool, S_IRUGO);
            """))
        #expect(text.contains("ERROR:MISSING_SIGN_OFF: Missing Signed-off-by: line(s)\n\ntotal: 1 errors, 0 warnings"))
        #expect(text.contains("total: 1 errors, 1 warnings, 0 checks, 8 lines checked"))
        #expect(text.contains("Commit aaaaaaaaaaaa (\"foo: add x\") has style problems, please review."))
        #expect(!text.contains("\u{1B}"))
    }

    @Test("gcc layout")
    func gcc() {
        let lines = GCCReporter().render(Self.report).split(separator: "\n")
        #expect(lines[0] == "drivers/foo.c:2:1: warning: Symbolic permissions 'S_IRUGO' are not preferred. Consider using octal permissions '0444'. [SYMBOLIC_PERMS]")
        #expect(lines[2] == "bbbbbbbbbbbb:1:1: error: Missing Signed-off-by: line(s) [MISSING_SIGN_OFF]")
    }

    @Test("text output neutralises escape sequences and control characters")
    func textNeutralises() {
        let text = TextReporter(color: false).render(Self.report)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(text.contains("[2/2] bbbbbbbbbbbb foo: \\x1b[2Jsneaky"))
        #expect(TerminalText.neutralise("a\u{7}b\u{9B}c\u{202E}d\te") == "a\\x07b\\x9bc\\u{202e}d\te")
        #expect(text.hasSuffix("2 commits reviewed: 2 errors, 1 warning, 0 notes\n"))
        let colored = TextReporter(color: true).render(Self.report)
        #expect(colored.contains("\u{1B}[1;33mwarning\u{1B}[0m"))
    }
}
