import ArgumentParser

/// `medlake dataset`: changes to one dataset's standing.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Show one dataset, or change its standing (deprecate it in favour of a successor).",
        subcommands: [DatasetShowCommand.self, DatasetDeprecateCommand.self]
    )
}
