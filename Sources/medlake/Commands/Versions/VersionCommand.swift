import ArgumentParser

/// `medlake version`: dataset versions.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Publish and list dataset versions.",
        subcommands: [VersionPublishCommand.self, VersionListCommand.self]
    )
}
