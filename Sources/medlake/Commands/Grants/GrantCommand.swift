import ArgumentParser
import Catalog
import LakeEngine

/// `medlake grant`: expiring access to restricted datasets.
struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant, list and revoke expiring access to datasets.",
        subcommands: [GrantCreateCommand.self, GrantListCommand.self, GrantRevokeCommand.self],
        defaultSubcommand: GrantCreateCommand.self
    )
}

extension GrantScope: ExpressibleByArgument {}
