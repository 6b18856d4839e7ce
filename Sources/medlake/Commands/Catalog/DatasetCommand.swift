import ArgumentParser

/// `medlake dataset`: changes to one dataset's standing.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Change a dataset's standing (deprecate it in favour of a successor).",
        subcommands: [DatasetDeprecateCommand.self]
    )
}
