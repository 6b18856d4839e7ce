import ArgumentParser

/// `medlake hold`: legal holds on datasets and versions.
struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Put, release and list legal holds (held objects are never deleted or archived).",
        subcommands: [HoldAddCommand.self, HoldReleaseCommand.self, HoldListCommand.self]
    )
}
