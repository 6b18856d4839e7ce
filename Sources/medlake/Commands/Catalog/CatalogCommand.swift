import ArgumentParser

/// `medlake catalog`: where the lake's catalog lives.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Move the lake's catalog between SQLite and PostgreSQL.",
        subcommands: [CatalogCopyCommand.self])
}
