import ArgumentParser

/// `medlake tier …`: storage tier commands.
struct TierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tier",
        abstract: "Check the lake's storage tiers.",
        subcommands: [TierCheckCommand.self]
    )
}
