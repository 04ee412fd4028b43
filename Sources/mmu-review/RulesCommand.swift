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

        func run() throws {
            let width = RuleRegistry.all.map { $0.description.id.count }.max() ?? 0
            for rule in RuleRegistry.all {
                let d = rule.description
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

        func run() throws {
            guard let rule = RuleRegistry.rule(id: id) else {
                throw InputError("unknown rule '\(id)' (see 'mmu-review rules')")
            }
            Console.write(RuleExplanation.render(rule.description))
        }
    }
}
