/// What rules may know beyond the patch itself: options and facts the input source
/// provides (such as the history of the touched paths, for a git range).
public struct ReviewContext: Sendable {
    public var options: ReviewOptions
    /// The history of the repository the series comes from; nil when there is none
    /// (patch files, a mailbox read outside a repository). Rules that learn from
    /// history (SUBJECT_PREFIX) are silent without it.
    public var history: (any HistoryProvider)?
    /// Rules whose description is data rather than a type (rule packs, `rules/*.yml`).
    /// The engine runs them on every added line next to the `LineRule`s.
    public var dataRules: [any DataLineRule]
    /// The series as the seed rules see it, made by the engine from the facts its patch
    /// jobs took (nil: rules build it from the series they are given).
    var seriesCode: SeriesCode?

    public init(options: ReviewOptions = ReviewOptions(), history: (any HistoryProvider)? = nil,
                dataRules: [any DataLineRule] = []) {
        self.options = options
        self.history = history
        self.dataRules = dataRules
    }
}

/// The repository's history, as far as rules need it. The git reader implements it
/// (libgit2); tests use an in-memory one.
public protocol HistoryProvider: Sendable {
    /// Subjects of commits that touch any of `paths`, newest first, at most `limit`.
    ///
    /// `before` names the commit under review: only its ancestors are searched (the
    /// commit itself is not). nil means "HEAD and its ancestors" — used for mailed
    /// patches and the index, which are not commits of the repository yet.
    func subjects(touching paths: [String], before commitID: String?, limit: Int) -> [String]
}

/// A rule that is an instance rather than a type: its description is data (a rule
/// pack entry), so it cannot be a `Rule` (whose description is static). It sees the
/// same added lines as a `LineRule`.
public protocol DataLineRule: Sendable {
    var description: RuleDescription { get }
    func check(_ line: LineContext, into findings: inout Findings)
}

/// User-tunable knobs (command line and `.mmu-review.yml`).
public struct ReviewOptions: Sendable, Hashable {
    /// checkpatch's --max-line-length default.
    public var maxLineLength: Int = 100
    public var severityOverrides: [String: Severity] = [:]
    /// Which files rules look at (`include:` / `exclude:` globs of the configuration).
    public var paths: PathFilter = PathFilter()
    /// A change with more changed lines than this (or more than 5 across several
    /// files) needs a commit message body of more than one line (COMMIT_MESSAGE).
    public var trivialChangeLines: Int = 20

    public init(maxLineLength: Int = 100, severityOverrides: [String: Severity] = [:],
                paths: PathFilter = PathFilter(), trivialChangeLines: Int = 20) {
        self.maxLineLength = maxLineLength
        self.severityOverrides = severityOverrides
        self.paths = paths
        self.trivialChangeLines = trivialChangeLines
    }
}
