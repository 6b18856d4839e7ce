import ArgumentParser

/// `medlake audit`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List and verify the audit log.",
        subcommands: [AuditListCommand.self, AuditVerifyCommand.self])
}
