/// What rules may know beyond the patch itself: options and facts the input source
/// provides (such as the history of the touched paths, for a git range).
public struct ReviewContext: Sendable {
    public var options: ReviewOptions

    public init(options: ReviewOptions = ReviewOptions()) {
        self.options = options
    }
}

/// User-tunable knobs (command line and `.mmu-review.yml`).
public struct ReviewOptions: Sendable, Hashable {
    /// checkpatch's --max-line-length default.
    public var maxLineLength: Int = 100
    public var severityOverrides: [String: Severity] = [:]

    public init(maxLineLength: Int = 100, severityOverrides: [String: Severity] = [:]) {
        self.maxLineLength = maxLineLength
        self.severityOverrides = severityOverrides
    }
}
