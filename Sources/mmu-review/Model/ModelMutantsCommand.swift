import ArgumentParser
import MMUReference

/// `mmu-review model mutants`: the deliberate bugs the explorer must catch, one per line.
struct ModelMutantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutants",
        abstract: "List the model's mutants (deliberate kernel-like bugs), one name per line.")

    @Flag(help: "Also print the invariant expected to catch each mutant.") var verbose = false

    func run() throws {
        for m in Mutant.allCases {
            print(verbose ? "\(m.rawValue)\t\(m.caughtBy.rawValue)" : m.rawValue)
        }
    }
}
