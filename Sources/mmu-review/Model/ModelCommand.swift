import ArgumentParser

/// `mmu-review model ...`: drive the MMU reference model directly.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Drive the KVM x86 MMU reference model directly.",
        subcommands: [ModelAccessCommand.self, ModelExploreCommand.self, ModelMutantsCommand.self,
                      ModelReplayCommand.self])
}
