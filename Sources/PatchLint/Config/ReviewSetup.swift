/// Everything that decides how a review runs, gathered from the repository's
/// `.mmu-review.yml`, the command line and the rule packs, in the order checkpatch
/// users expect: configuration file first, command-line flags on top.
///
///     var setup = try ReviewSetup(repositoryRoot: root)          // reads .mmu-review.yml
///     setup.selection.addTypes(types); setup.selection.addIgnored(ignore)
///     if let max = maxLineLength { setup.options.maxLineLength = max }
///     try setup.loadPacks(shipped: shipped, directories: userDirs)      // --rules DIR
///     let engine = setup.engine(history: gitHistory)
public struct ReviewSetup: Sendable {
    public var options: ReviewOptions
    public var selection: RuleSelection
    /// Extra rule pack directories named by the configuration file.
    public var configuredRuleDirectories: [String]
    public var packRules: [PatternRule] = []

    public init(options: ReviewOptions = ReviewOptions(), selection: RuleSelection = RuleSelection(),
                configuredRuleDirectories: [String] = []) {
        self.options = options
        self.selection = selection
        self.configuredRuleDirectories = configuredRuleDirectories
    }

    /// Starts from `<root>/.mmu-review.yml` when there is one.
    public init(repositoryRoot root: String?) throws {
        self.init()
        if let root, let config = try ProjectConfiguration.load(repositoryRoot: root) {
            options = config.applied(to: options)
            selection = config.selection
            configuredRuleDirectories = config.ruleDirectories
        }
    }

    /// Loads the shipped packs (their examples are the test suite's to run), then the
    /// packs of `directories` and the configured ones, whose examples must behave.
    public mutating func loadPacks(shipped: String?, directories: [String]) throws {
        packRules = try RulePackLoader.load(directories: [shipped].compactMap { $0 } + directories + configuredRuleDirectories,
                                            trusted: Set([shipped].compactMap { $0 }))
    }

    /// Every rule description, built-in and from packs (for `rules`, `rules explain`
    /// and SARIF's rule metadata).
    public var allDescriptions: [RuleDescription] {
        RuleRegistry.all.map { $0.description } + packRules.map(\.description)
    }

    /// Rule ids named by --types/--ignore/enable/disable that no rule has.
    public var unknownSelectedIDs: [String] {
        selection.unknownIDs(known: Set(allDescriptions.map(\.id)))
    }

    /// The engine for this setup.
    public func engine(history: (any HistoryProvider)? = nil) -> ReviewEngine {
        var engine = ReviewEngine(rules: selection.filter(RuleRegistry.all), options: options)
        engine.context.history = history
        engine.context.dataRules = selection.filter(packRules)
        return engine
    }
}
