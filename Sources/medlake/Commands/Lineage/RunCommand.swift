import ArgumentParser

/// `medlake run`: training runs bound to manifests.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Record, list and show training runs.",
        subcommands: [RunRecordCommand.self, RunListCommand.self, RunShowCommand.self]
    )
}
