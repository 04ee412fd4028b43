import ArgumentParser

@main
struct MMUReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmu-review",
        abstract: "Review Linux-kernel-style patch series.",
        subcommands: [ModelCommand.self])

    func run() throws {}
}
