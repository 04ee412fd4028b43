/// The `subsystem: area:` prefix of a kernel commit subject, and how to learn the
/// usual one for a set of paths from history.
public enum SubjectPrefix {
    /// The prefix of a subject ("KVM: x86/mmu:" of "KVM: x86/mmu: Zap roots"), nil when
    /// the subject has none. A prefix is a run of `token: ` segments; a token is one
    /// word without spaces, or several words that each contain an upper-case letter or
    /// a digit ("Book3S HV"), so that a summary such as "Fix foo: bar" is not taken for
    /// a prefix.
    public static func of(_ subject: String) -> String? {
        var rest = Substring(subject.trimmingWhitespace())
        var tokens: [Substring] = []
        while let colon = rest.firstIndex(of: ":") {
            let token = rest[..<colon]
            let after = rest[rest.index(after: colon)...]
            guard !token.isEmpty, after.first == " ", isToken(token) else { break }
            tokens.append(token)
            rest = after.dropFirst()
        }
        guard !tokens.isEmpty, !rest.trimmingWhitespace().isEmpty else { return nil }
        return tokens.map { "\($0):" }.joined(separator: " ")
    }

    static func isToken(_ token: Substring) -> Bool {
        let words = token.split(separator: " ", omittingEmptySubsequences: false)
        guard words.allSatisfy({ !$0.isEmpty && !$0.contains("\t") && !$0.contains("\"") }) else { return false }
        if words.count == 1 { return true }
        return words.count <= 3 && words.allSatisfy { $0.contains { $0.isUppercase || $0.isNumber } }
    }

    /// What history says about the prefix for some paths.
    public struct Convention: Sendable, Hashable {
        /// The most common prefix.
        public var prefix: String
        /// How many of the subjects use each prefix.
        public var counts: [String: Int]
        /// How many subjects were looked at (with or without a prefix).
        public var total: Int

        public func share(of prefix: String) -> Double {
            total == 0 ? 0 : Double(counts[prefix] ?? 0) / Double(total)
        }
    }

    /// The most common prefix of `subjects` (newest first; a tie goes to the prefix
    /// used most recently). nil with fewer than 3 prefixed subjects: too little
    /// history to call it a convention. Reverts and merges are skipped.
    public static func convention(of subjects: [String]) -> Convention? {
        var counts: [String: Int] = [:]
        var firstSeen: [String: Int] = [:]
        var total = 0
        for (i, subject) in subjects.enumerated() {
            if subject.hasPrefix("Revert ") || subject.hasPrefix("Merge ") { continue }
            total += 1
            guard let p = of(subject) else { continue }
            counts[p, default: 0] += 1
            if firstSeen[p] == nil { firstSeen[p] = i }
        }
        guard counts.values.reduce(0, +) >= 3 else { return nil }
        let best = counts.max { a, b in
            a.value != b.value ? a.value < b.value : firstSeen[a.key]! > firstSeen[b.key]!
        }!
        return Convention(prefix: best.key, counts: counts, total: total)
    }
}

/// SUBJECT_PREFIX — the subject's `subsystem: area:` prefix disagrees with what the
/// history of the touched paths uses.
public struct SubjectPrefixRule: PatchRule {
    public init() {}

    /// How many subjects of the touched paths to learn from.
    static let historyDepth = 50
    /// A prefix used by at least this share of the history is accepted even when it is
    /// not the most common one (areas with two accepted spellings).
    static let acceptedShare = 0.25

    public static let description = RuleDescription(
        id: "SUBJECT_PREFIX",
        severity: .warning,
        scope: .commit,
        summary: "The subject prefix differs from the one the history of the touched files uses",
        rationale: """
            Maintainers sort and apply mail by subject prefix ("KVM: x86/mmu:", \
            "KVM: selftests:"); a patch with an unusual prefix is misrouted or has to be \
            fixed up by hand. The convention is learned from the last 50 commits touching \
            the same files: the most common prefix wins, and a prefix used by at least a \
            quarter of them is accepted too. Silent without history (patch files outside \
            a repository) or with fewer than 3 prefixed subjects. (The examples assume \
            a history in which the last commits touching arch/x86/kvm/mmu/mmu.c all use \
            "KVM: x86/mmu:".)
            """,
        fix: "Use the learned prefix, e.g. `KVM: x86/mmu: <summary>`.",
        triggeringExamples: [
            RuleExample(message: """
                kvm: mmu: Example change

                Explain what the change does and why.

                Signed-off-by: Ex Ample <ex@example.org>
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(message: RuleExample.defaultMessage),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        guard let history = context.history ?? Self.exampleHistory(for: patch) else { return }
        let paths = Array(Set(patch.files.flatMap { [$0.oldPath, $0.newPath].compactMap { $0 } })).sorted()
        guard !paths.isEmpty else { return }
        let before: String? = patch.origin == .commit ? patch.id : nil
        let subjects = history.subjects(touching: paths, before: before, limit: Self.historyDepth)
        guard let convention = SubjectPrefix.convention(of: subjects) else { return }
        let own = SubjectPrefix.of(patch.subject)
        if let own, own == convention.prefix || convention.share(of: own) >= Self.acceptedShare { return }
        let summary = own.map { String(patch.subject.trimmingWhitespace().dropFirst($0.count)).trimmingWhitespace() }
            ?? patch.subject.trimmingWhitespace()
        let used = "\(convention.counts[convention.prefix] ?? 0) of the last \(convention.total)"
        let message = own.map {
            "Subject prefix '\($0)' differs from '\(convention.prefix)' used by \(used) commits touching these files"
        } ?? "Subject has no prefix; \(used) commits touching these files use '\(convention.prefix)'"
        findings.report(Self.description, file: nil, line: 0, message,
                        suggestion: "\(convention.prefix) \(summary)")
    }

    /// The rule's examples run without a repository; they stand in a fixed history
    /// for the example path so that `rules explain` shows the rule at work. Only used
    /// when the patch is an example (its author is the example author) and there is
    /// no real history.
    static func exampleHistory(for patch: Patch) -> (any HistoryProvider)? {
        guard patch.author?.email == "ex@example.org",
              patch.files.contains(where: { $0.path == RuleExample.defaultPath }) else { return nil }
        return InMemoryHistory(commits: (1...5).map { i in
            InMemoryHistory.Commit(id: String(repeating: "a", count: 39) + String(i),
                                   subject: "KVM: x86/mmu: Earlier change \(i)",
                                   paths: [RuleExample.defaultPath])
        })
    }
}

/// A history held in memory: for tests, examples, and callers that already have the
/// log (newest first).
public struct InMemoryHistory: HistoryProvider {
    public struct Commit: Sendable, Hashable {
        public var id: String
        public var subject: String
        public var paths: [String]

        public init(id: String, subject: String, paths: [String]) {
            self.id = id
            self.subject = subject
            self.paths = paths
        }
    }

    /// Newest first.
    public var commits: [Commit]

    public init(commits: [Commit]) {
        self.commits = commits
    }

    public func subjects(touching paths: [String], before commitID: String?, limit: Int) -> [String] {
        var start = 0
        if let commitID, let i = commits.firstIndex(where: { $0.id == commitID }) { start = i + 1 }
        let wanted = Set(paths)
        return commits[start...].lazy.filter { !wanted.isDisjoint(with: $0.paths) }.prefix(limit).map(\.subject)
    }
}
