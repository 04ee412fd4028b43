import ArgumentParser
import PatchLint

/// `mmu-review rules` lists the rules; `rules explain ID` shows one in full.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or explain one.",
        subcommands: [List.self, Explain.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, severity, scope, summary.")

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let descriptions = try ruleOptions.setup(repositoryRoot: nil).allDescriptions
            let width = descriptions.map(\.id.count).max() ?? 0
            for d in descriptions {
                let id = d.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = d.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                let scope = d.scope.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                Console.write("\(id)  \(severity)  \(scope)  \(d.summary)\n")
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a rule's rationale, fix and examples (generated from the rule itself).")

        @Argument(help: "The rule id, e.g. SYMBOLIC_PERMS.")
        var id: String

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let descriptions = try ruleOptions.setup(repositoryRoot: nil).allDescriptions
            guard let rule = descriptions.first(where: { $0.id == id.uppercased() }) else {
                throw InputError("unknown rule '\(id)' (see 'mmu-review rules')")
            }
            Console.write(RuleExplanation.render(rule))
        }
    }
}
