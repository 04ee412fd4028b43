/// A rule from a rule pack (`rules/*.yml`): a pattern over added lines, with a
/// message, a severity and the files it applies to. Its description is data, so it
/// is a `DataLineRule` instance rather than a `Rule` type; the engine runs it next
/// to the built-in line rules (ReviewContext.dataRules).
public struct PatternRule: DataLineRule, Hashable {
    public enum Subject: String, Sendable, Hashable {
        /// The line with comments and string/char contents blanked (the default), so
        /// that prose never matches.
        case code
        /// The line as written.
        case raw
    }

    public let description: RuleDescription
    /// Fires when this matches...
    public let pattern: BoundedPattern
    /// ...unless this matches too (an exception, e.g. `asm volatile`).
    public let unless: BoundedPattern?
    public let message: String
    /// Paths the rule applies to (any match); empty means all files.
    public let files: [PathGlob]
    public let subject: Subject
    /// The pack file the rule came from, for messages.
    public let source: String

    public init(description: RuleDescription, pattern: BoundedPattern, unless: BoundedPattern? = nil,
                message: String, files: [PathGlob] = [], subject: Subject = .code, source: String = "") {
        self.description = description
        self.pattern = pattern
        self.unless = unless
        self.message = message
        self.files = files
        self.subject = subject
        self.source = source
    }

    /// Lines longer than this are not matched (reported nowhere, checked nowhere):
    /// a generated table or minified blob is not code a reviewer reads, and it keeps
    /// the worst case of a pack rule at a fixed cost per line.
    public static let maxLineLength = 64 * 1024

    public func check(_ line: LineContext, into findings: inout Findings) {
        let raw = line.text
        guard raw.utf8.count <= Self.maxLineLength else { return }
        // Most lines lack the pattern's literal (`strcpy`): decide that on the raw line,
        // before the path and before scrubbing (every test here is a condition for a
        // finding, so their order changes nothing but the cost). Scrubbing only turns
        // characters into spaces, so a literal without a space that is in the scrubbed
        // line is in the raw line too.
        if subject == .raw || !pattern.requiredLiteral.contains(0x20) {
            guard pattern.mayMatch(raw) else { return }
        }
        guard files.isEmpty || files.contains(where: { $0.matches(line.path) }) else { return }
        let text = subject == .code ? CodeScrubber.scrub(raw) : raw
        guard pattern.matches(text), !(unless?.matches(text) ?? false) else { return }
        findings.report(description, at: line, message)
    }

    public static func == (a: PatternRule, b: PatternRule) -> Bool {
        a.description.id == b.description.id && a.pattern == b.pattern && a.source == b.source
    }

    public func hash(into h: inout Hasher) {
        h.combine(description.id)
        h.combine(pattern)
    }
}
