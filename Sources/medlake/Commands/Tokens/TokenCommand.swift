import ArgumentParser

/// `medlake token`: bearer tokens for service accounts, the lake service's clients over TCP.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke bearer tokens for remote clients of the lake service (admin only).",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self]
    )
}
