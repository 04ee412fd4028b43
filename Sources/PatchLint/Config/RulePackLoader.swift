import Foundation
import Yams

/// Loads rule packs: every `*.yml` / `*.yaml` file of a directory whose top level has
/// a `rules:` list. (Other YAML files there are data for built-in rules, such as
/// rules/kvm-knobs.yml, and are skipped.) A pack looks like:
///
///     rules:
///       - id: CONSIDER_KSTRTO              # upper case, unique across all rules
///         severity: warning                # note | warning | error
///         summary: One line.
///         rationale: Why a reviewer objects.
///         fix: How to fix it.              # optional
///         pattern: '\bsimple_strtoul\s*\('  # BoundedPattern syntax
///         unless: '...'                    # optional exception pattern
///         case_insensitive: false          # optional
///         match: code                      # code (default: comments/strings blanked) | raw
///         message: What the finding says.
///         files: ['*.c', '*.h']            # optional path globs
///         examples:
///           triggering: ["↓\tval = simple_strtoul(buf, NULL, 10);"]
///           non-triggering: ["\tret = kstrtoul(buf, 10, &val);"]
///
/// Every rule needs at least one example of each kind (they run as tests, and each
/// pack load runs them too: a pack whose examples do not behave is rejected).
public enum RulePackLoader {
    /// Loads every pack in `directory` (sorted by file name). `checkExamples` runs every
    /// rule's examples and rejects a pack whose examples do not behave; only the shipped
    /// packs skip it (their examples run in the test suite, and every review, the
    /// pre-commit hook's included, would pay for running them again).
    public static func load(directory: String, reservedIDs: Set<String> = builtInIDs,
                            checkExamples: Bool = true) throws -> [PatternRule] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw InputError("rule pack directory '\(directory)' does not exist")
        }
        let names = try fm.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        var rules: [PatternRule] = []
        var ids = reservedIDs
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = fm.contents(atPath: path) else { throw InputError("cannot read \(path)") }
            for rule in try parse(String(decoding: data, as: UTF8.self), source: path, checkExamples: checkExamples) {
                guard ids.insert(rule.description.id).inserted else {
                    throw InputError("\(path): rule id \(rule.description.id) is already defined")
                }
                rules.append(rule)
            }
        }
        return rules
    }

    /// Loads several directories in order (ids must be unique across all of them); the
    /// examples of the packs in `trusted` (the shipped directory) are not run again.
    public static func load(directories: [String], trusted: Set<String> = []) throws -> [PatternRule] {
        var all: [PatternRule] = []
        var reserved = builtInIDs
        for dir in directories {
            let rules = try load(directory: dir, reservedIDs: reserved, checkExamples: !trusted.contains(dir))
            reserved.formUnion(rules.map(\.description.id))
            all += rules
        }
        return all
    }

    public static var builtInIDs: Set<String> { Set(RuleRegistry.all.map { $0.description.id }) }

    /// The rules of one pack file's text; [] when the file is not a pack.
    public static func parse(_ yaml: String, source: String, checkExamples: Bool = true) throws -> [PatternRule] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw InputError("\(source): not valid YAML (\(error))")
        }
        guard let map = root?.mapping, let list = map["rules"] else { return [] }
        guard let entries = list.sequence else { throw InputError("\(source): 'rules' must be a list") }
        return try entries.enumerated().map { k, entry in
            try rule(entry, source: source, position: k + 1, checkExamples: checkExamples)
        }
    }

    static let knownKeys: Set<String> = ["id", "severity", "summary", "rationale", "fix", "pattern",
                                         "unless", "case_insensitive", "match", "message", "files", "examples"]

    static func rule(_ node: Node, source: String, position: Int, checkExamples: Bool = true) throws -> PatternRule {
        guard let map = node.mapping else { throw InputError("\(source): rule \(position) is not a mapping") }
        let id = map["id"]?.string ?? "#\(position)"
        func fail(_ what: String) -> InputError { InputError("\(source): rule \(id): \(what)") }
        for key in map.keys.compactMap(\.string) where !knownKeys.contains(key) {
            throw fail("unknown key '\(key)'")
        }
        func text(_ key: String, required: Bool = true) throws -> String? {
            guard let value = map[key] else {
                if required { throw fail("missing '\(key)'") }
                return nil
            }
            guard let s = value.string, !s.trimmingWhitespace().isEmpty else { throw fail("'\(key)' must be a non-empty string") }
            return s.trimmingWhitespace()
        }
        guard id.range(of: "^[A-Z][A-Z0-9_]*$", options: .regularExpression) != nil else {
            throw fail("id must be upper case letters, digits and _")
        }
        guard let severity = Severity(rawValue: try text("severity")!.lowercased()) else {
            throw fail("severity must be note, warning or error")
        }
        let caseInsensitive = map["case_insensitive"]?.bool ?? false
        func compile(_ key: String, required: Bool) throws -> BoundedPattern? {
            guard let p = try text(key, required: required) else { return nil }
            do {
                return try BoundedPattern(p, caseInsensitive: caseInsensitive)
            } catch {
                throw fail("\(key) '\(p)': \(error)")
            }
        }
        let subject: PatternRule.Subject
        if let m = try text("match", required: false) {
            guard let s = PatternRule.Subject(rawValue: m) else { throw fail("match must be code or raw") }
            subject = s
        } else {
            subject = .code
        }
        var files: [PathGlob] = []
        if let f = map["files"] {
            let list = f.string.map { [$0] } ?? f.sequence?.compactMap(\.string)
            guard let list else { throw fail("files must be a list of globs") }
            files = list.map(PathGlob.init)
        }
        let firstGlobPath = files.first.map { examplePath(for: $0) } ?? RuleExample.defaultPath
        func examples(_ key: String) throws -> [RuleExample] {
            guard let seq = map["examples"]?.mapping?[key]?.sequence, !seq.isEmpty else {
                throw fail("needs at least one \(key) example under 'examples'")
            }
            return try seq.map { e in
                if let code = e.string { return RuleExample(code, path: firstGlobPath) }
                guard let m = e.mapping, let code = m["code"]?.string else {
                    throw fail("an example is a string of code or {code:, path:}")
                }
                return RuleExample(code, path: m["path"]?.string ?? firstGlobPath)
            }
        }
        let description = RuleDescription(
            id: id, severity: severity, scope: .line,
            summary: try text("summary")!, rationale: try text("rationale")!, fix: try text("fix", required: false),
            triggeringExamples: try examples("triggering"),
            nonTriggeringExamples: try examples("non-triggering"))
        let rule = PatternRule(description: description, pattern: try compile("pattern", required: true)!,
                               unless: try compile("unless", required: false), message: try text("message")!,
                               files: files, subject: subject, source: source)
        // A pack whose examples do not behave is broken: reject it at load time.
        guard checkExamples else { return rule }
        for example in description.triggeringExamples {
            let outcome = PatternRuleExamples.run(rule, on: example)
            guard !outcome.diagnostics.isEmpty else { throw fail("a triggering example does not fire") }
            if !outcome.marks.isEmpty, outcome.reportedMarks != outcome.marks {
                throw fail("a triggering example fires on other lines than the ↓-marked ones")
            }
        }
        for example in description.nonTriggeringExamples where !PatternRuleExamples.run(rule, on: example).diagnostics.isEmpty {
            throw fail("a non-triggering example fires")
        }
        return rule
    }

    /// A path an example can use so that it matches the rule's first file glob.
    static func examplePath(for glob: PathGlob) -> String {
        if glob.matches(RuleExample.defaultPath) { return RuleExample.defaultPath }
        for candidate in ["arch/x86/kvm/x86.h", "arch/x86/kvm/x86.c", "virt/kvm/kvm_main.c",
                          "include/linux/kvm_host.h", "tools/testing/selftests/kvm/x86/example.c",
                          "Documentation/virt/kvm/api.rst", "arch/x86/kvm/Kconfig", "arch/x86/kvm/Makefile"]
        where glob.matches(candidate) {
            return candidate
        }
        return RuleExample.defaultPath
    }
}

/// Runs a data rule's examples the way RuleExampleRunner runs a rule type's.
public enum PatternRuleExamples {
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var marks: Set<RuleExampleRunner.Mark>

        public var reportedMarks: Set<RuleExampleRunner.Mark> {
            Set(diagnostics.map { RuleExampleRunner.Mark(commit: $0.patchIndex, path: $0.file ?? "", line: $0.line) })
        }
    }

    public static func run(_ rule: any DataLineRule, on example: RuleExample,
                           options: ReviewOptions = ReviewOptions()) -> Outcome {
        let (series, marks) = RuleExampleRunner.series(for: example)
        var engine = ReviewEngine(rules: [], options: options)
        engine.context.dataRules = [rule]
        let diagnostics = engine.review(series).filter { $0.ruleID == rule.description.id }
        return Outcome(diagnostics: diagnostics, marks: marks)
    }
}

extension RulePackLoader {
    /// Where the shipped packs live: `rules/` next to the binary,
    /// `../share/mmu-review/rules` (an installed layout), or the package's `rules/`
    /// (tests, `swift run`). One search for every kind of rules data: RulesLocator.
    public static var shippedDirectory: String? {
        RulesLocator.shippedDirectory()?.path
    }
}
