import ArgumentParser

/// `medlake lifecycle`: preview and apply the lifecycle rules of `lake.toml`.
struct LifecycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle",
        abstract: "Preview and apply the lifecycle rules.",
        subcommands: [LifecyclePlanCommand.self, LifecycleApplyCommand.self]
    )
}
