import ArgumentParser
import Foundation
import PatchLint

/// Which rules run and how: `.mmu-review.yml` at the repository root first, then
/// these flags on top (checkpatch's --types/--ignore/--max-line-length semantics).
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "Also load the rule packs (*.yml) in <dir>; repeatable.", valueName: "dir"))
    var ruleDirectories: [String] = []

    @Option(help: ArgumentHelp("Run only these rule ids (comma-separated), like checkpatch --types.",
                               valueName: "ids"))
    var types: [String] = []

    @Option(help: ArgumentHelp("Do not run these rule ids (comma-separated), like checkpatch --ignore.",
                               valueName: "ids"))
    var ignore: [String] = []

    @Option(help: "Maximum line length for LONG_LINE (default 100, as checkpatch).")
    var maxLineLength: Int?

    /// The configured setup for a review in `repositoryRoot` (nil: no configuration file).
    func setup(repositoryRoot: String?) throws -> ReviewSetup {
        for directory in ruleDirectories {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError("--rules: '\(directory)' is not a directory")
            }
        }
        if let first = ruleDirectories.first {
            // Bindings and knob lists in a user directory take precedence too.
            RulesLocator.override = URL(fileURLWithPath: first)
        }
        var setup = try ReviewSetup(repositoryRoot: repositoryRoot)
        setup.selection.addTypes(types)
        setup.selection.addIgnored(ignore)
        if let maxLineLength {
            guard maxLineLength > 0 else { throw InputError("--max-line-length must be positive") }
            setup.options.maxLineLength = maxLineLength
        }
        try setup.loadPacks(shipped: RulePackLoader.shippedDirectory, directories: ruleDirectories)
        let unknown = setup.unknownSelectedIDs
        if !unknown.isEmpty {
            throw InputError("unknown rule id\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (see 'mmu-review rules')")
        }
        return setup
    }
}
