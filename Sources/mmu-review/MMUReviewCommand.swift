import ArgumentParser
import Foundation
import PatchLint

@main
struct MMUReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmu-review",
        abstract: "Review Linux-kernel-style patch series (KVM x86 MMU aware).",
        discussion: """
            Exit status: 0 nothing at or above the failing severity, 1 findings at or \
            above it, 2 usage or input error.
            """,
        version: "0.1.0",
        subcommands: [ReviewCommand.self, RulesCommand.self, HookCommand.self, CICommand.self, ModelCommand.self],
        defaultSubcommand: ReviewCommand.self)

    /// Maps every failure to the exit contract: input and usage errors are one line on
    /// stderr and status 2; `ExitCode`s pass through; help and version print as usual.
    static func main() {
        do {
            // `--fix` alone means `--fix=patch` (an option's value cannot be optional).
            let arguments = CommandLine.arguments.dropFirst().map { $0 == "--fix" ? "--fix=patch" : $0 }
            var command = try parseAsRoot(Array(arguments))
            try command.run()
        } catch let error as InputError {
            Console.error(error.message)
            Foundation.exit(2)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if exitCode(for: error) == .success {
                exit(withError: error)  // --help, --version
            }
            let message = self.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid usage"
            Console.error("\(message) (see 'mmu-review --help')")
            Foundation.exit(2)
        }
    }
}
