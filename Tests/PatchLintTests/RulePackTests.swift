import Foundation
import Testing
@testable import PatchLint

/// The package's rules/ directory, found from this file's location.
let packageRulesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("rules").path

private let validRule = """
    rules:
      - id: NO_FOO
        severity: warning
        summary: foo() is gone
        rationale: Because.
        pattern: '\\bfoo\\s*\\('
        message: do not call foo()
        files: ['*.c']
        examples:
          triggering: ["↓\\tfoo();"]
          non-triggering: ["\\tbar();", "\\t/* foo() */"]
    """

@Suite("Rule packs")
struct RulePackTests {
    static let shipped: [PatternRule] = (try? RulePackLoader.load(directory: packageRulesDirectory)) ?? []

    @Test("the shipped packs load, and ids do not collide with built-in rules")
    func shippedLoad() throws {
        let rules = try RulePackLoader.load(directory: packageRulesDirectory)
        #expect(rules.count >= 8)
        #expect(Set(rules.map(\.description.id)).isDisjoint(with: RulePackLoader.builtInIDs))
    }

    @Test("every shipped pack rule's examples behave", arguments: shipped.map(\.description.id))
    func shippedExamples(id: String) throws {
        let rule = try #require(Self.shipped.first { $0.description.id == id })
        for example in rule.description.triggeringExamples {
            let outcome = PatternRuleExamples.run(rule, on: example)
            #expect(!outcome.diagnostics.isEmpty, "\(id) did not fire on \(example.commits)")
            if !outcome.marks.isEmpty { #expect(outcome.reportedMarks == outcome.marks) }
        }
        for example in rule.description.nonTriggeringExamples {
            #expect(PatternRuleExamples.run(rule, on: example).diagnostics.isEmpty, "\(id) fired on \(example.commits)")
        }
    }

    @Test("a pack rule runs in the engine next to line rules, honours globs and selection")
    func engineIntegration() throws {
        let rules = try RulePackLoader.parse(validRule, source: "test.yml")
        let series = stylePatch("+\tfoo();\n+\tx = \"foo()\";")
        var engine = ReviewEngine(rules: [SpacingRule.self])
        engine.context.dataRules = rules
        let found = engine.review(series)
        #expect(found.map(\.ruleID) == ["NO_FOO"])
        #expect(found.first?.line == 10)
        #expect(RuleSelection(ignore: ["NO_FOO"]).filter(rules).isEmpty)
        engine.context.dataRules = rules
        #expect(engine.review(stylePatch("+\tfoo();", path: "a.h")).isEmpty)
        // Severity overrides apply to pack rules too.
        var overridden = ReviewEngine(rules: [], options: ReviewOptions(severityOverrides: ["NO_FOO": .error]))
        overridden.context.dataRules = rules
        #expect(overridden.review(series).first?.severity == .error)
    }

    @Test("broken packs are rejected with the file and rule named")
    func rejected() {
        func error(_ yaml: String) -> String? {
            do { _ = try RulePackLoader.parse(yaml, source: "p.yml"); return nil } catch { return "\(error)" }
        }
        #expect(error(validRule.replacingOccurrences(of: "'\\bfoo\\s*\\('", with: "'(?=foo)'"))?
            .contains("p.yml: rule NO_FOO: pattern") == true)
        #expect(error(validRule.replacingOccurrences(of: "'\\bfoo\\s*\\('", with: "'(a{200}){200}'"))?
            .contains("too large") == true)
        #expect(error(validRule.replacingOccurrences(of: "'\\bfoo\\s*\\('", with: "'(a)\\1'")) != nil)
        #expect(error(validRule.replacingOccurrences(of: "severity: warning", with: "severity: fatal")) != nil)
        #expect(error(validRule.replacingOccurrences(of: "↓\\tfoo();", with: "\\tbar();"))?
            .contains("does not fire") == true)
        #expect(error(validRule.replacingOccurrences(of: "\"\\tbar();\", ", with: "\"\\tfoo ();\", ")) != nil)
        #expect(error(validRule.replacingOccurrences(of: "id: NO_FOO", with: "id: no-foo")) != nil)
        #expect(error(validRule + "\n    colour: red") != nil)
        // A YAML file without `rules:` is data for another rule, not a pack.
        #expect((try? RulePackLoader.parse("knobs: [tdp_enabled]", source: "k.yml"))?.isEmpty == true)
    }

    @Test("duplicate ids across packs, or with a built-in rule, are rejected")
    func duplicates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try validRule.write(to: dir.appendingPathComponent("a.yml"), atomically: true, encoding: .utf8)
        try validRule.write(to: dir.appendingPathComponent("b.yml"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try RulePackLoader.load(directory: dir.path) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.yml"))
        #expect(try RulePackLoader.load(directory: dir.path).count == 1)
        #expect(throws: InputError.self) {
            try RulePackLoader.load(directory: dir.path, reservedIDs: ["NO_FOO"])
        }
    }
}

@Suite("Bounded patterns")
struct BoundedPatternTests {
    @Test("agrees with NSRegularExpression on the supported syntax")
    func differential() throws {
        let patterns = [#"\bfoo\s*\("#, #"^\s*#\s*define\s+\w+"#, #"a|bc|d+e"#, #"(?:ab)+c$"#, #"x{2,3}y"#,
                        #"[^a-c0-9_]z"#, #"\Bb\b"#, #"colou?r"#, #"[\d.]+;"#, #"(a|ab)(c|bcd)(d*)"#,
                        #"\$Id"#, #"k{0}z"#, #"[a\-z]"#, #"(a*)*b"#]
        let texts = ["foo (1)", "\t#define X 1", "xbcq", "ababc", "ababcx", "xxy", "xxxxy", "dz", "_z",
                     "ab b", "abb", "color", "colour", "12.5;", "abcd", "$Id$", "z", "-", "aaab", "aaa", ""]
        for p in patterns {
            let ours = try BoundedPattern(p)
            let theirs = try NSRegularExpression(pattern: p)
            for t in texts {
                let expected = theirs.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
                #expect(ours.matches(t) == expected, "\(p) on \(t)")
            }
        }
        #expect(try BoundedPattern("FOO", caseInsensitive: true).matches("a foo b"))
        #expect(try BoundedPattern("[A-C]x", caseInsensitive: true).matches("bX"))
    }

    @Test("catastrophic-backtracking patterns finish on a 100 kB line")
    func noBacktracking() throws {
        let line = String(repeating: "a", count: 100_000) + "!"
        for p in [#"(a+)+$"#, #"(a|aa)*b"#, #"(a|a)*b"#, #"(.*a){12}x"#, #"(\w+\s?)*;"#] {
            #expect(try !BoundedPattern(p).matches(line), "\(p)")
        }
        #expect(try BoundedPattern(#"(a+)+!"#).matches(line))
    }

    @Test("unsupported or oversized syntax is refused at load time")
    func refused() {
        for p in [#"(?=a)"#, #"(?<=a)b"#, #"(a)\1"#, #"a{1000}"#, #"(a{200}){200}"#, #"(ab"#, #"ab)"#, #"*a"#, #"[z-a]"#] {
            #expect(throws: BoundedPattern.SyntaxError.self, "\(p)") { try BoundedPattern(p) }
        }
    }

    @Test("a user's pack whose examples misbehave is refused; the shipped directory's examples are the test suite's")
    func examplesCheckedForUserPacksOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("packs-\(UUID().uuidString)")
        let shipped = root.appendingPathComponent("shipped"), user = root.appendingPathComponent("user")
        for dir in [shipped, user] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: root) }
        // The non-triggering example calls foo(): it fires, so the pack is broken.
        let broken = validRule.replacingOccurrences(of: "non-triggering: [\"\\tbar();\"", with: "non-triggering: [\"\\tfoo();\"")
        #expect(broken != validRule)
        try broken.write(to: user.appendingPathComponent("p.yml"), atomically: true, encoding: .utf8)
        var setup = ReviewSetup()
        #expect(throws: InputError.self) { try setup.loadPacks(shipped: shipped.path, directories: [user.path]) }
        // The same file as the shipped pack loads: its examples are not run again.
        try FileManager.default.moveItem(at: user.appendingPathComponent("p.yml"), to: shipped.appendingPathComponent("p.yml"))
        try setup.loadPacks(shipped: shipped.path, directories: [user.path])
        #expect(setup.packRules.map(\.description.id) == ["NO_FOO"])
    }
}
