/// A small kernel-style example attached to a rule: the tests run every triggering
/// example and expect the rule to fire, and every non-triggering one and expect
/// silence. `rules explain` prints them.
///
/// Code is written the way a reviewer quotes it. Lines are added lines unless the
/// example is a `diff:` example, whose lines carry `+`, `-` or ` ` markers. A line
/// starting with `↓` must be reported (and, when any line is marked, only those are).
public struct RuleExample: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        public var path: String
        /// Hunk body: every line starts with `+`, `-` or ` ` (optionally after `↓`).
        public var diff: String
        /// Line number the hunk starts at in both pre- and post-image.
        public var startLine: Int

        public init(path: String, diff: String, startLine: Int = 1) {
            self.path = path
            self.diff = diff
            self.startLine = startLine
        }
    }

    public struct Commit: Sendable, Hashable {
        /// Subject, blank line, body, as `git commit` stores it.
        public var message: String
        public var files: [File]
        /// Set for a mailed patch: its `[PATCH vV k/N]` numbers (series rules).
        public var mailNumber: MailNumber?

        public init(message: String, files: [File], mailNumber: MailNumber? = nil) {
            self.message = message
            self.files = files
            self.mailNumber = mailNumber
        }
    }

    /// The numbers of a `[PATCH vV k/N]` subject tag.
    public struct MailNumber: Sendable, Hashable {
        public var index: Int
        public var total: Int
        public var version: Int

        public init(_ index: Int, of total: Int, version: Int = 1) {
            self.index = index
            self.total = total
            self.version = version
        }
    }

    public static let defaultPath = "arch/x86/kvm/mmu/mmu.c"
    public static let defaultMessage = """
        KVM: x86/mmu: Example change

        Explain what the change does and why.

        Signed-off-by: Ex Ample <ex@example.org>
        """

    public var commits: [Commit]

    /// Added lines in one file of one commit with an ordinary message.
    public init(_ code: String, path: String = RuleExample.defaultPath,
                message: String = RuleExample.defaultMessage) {
        let diff = code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("↓") ? "↓+" + line.dropFirst() : "+" + line
        }.joined(separator: "\n")
        self.commits = [Commit(message: message, files: [File(path: path, diff: diff)])]
    }

    /// A hunk body with explicit markers in one file of one commit.
    public init(diff: String, path: String = RuleExample.defaultPath, startLine: Int = 1,
                message: String = RuleExample.defaultMessage) {
        self.commits = [Commit(message: message,
                               files: [File(path: path, diff: diff, startLine: startLine)])]
    }

    /// A commit message (for commit rules) with an optional change.
    public init(message: String, code: String = "int x;") {
        self.init(code, message: message)
    }

    /// A series of commits (for series rules).
    public init(series: [Commit]) {
        self.commits = series
    }
}
