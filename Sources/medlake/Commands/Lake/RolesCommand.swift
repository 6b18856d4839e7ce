import ArgumentParser
import LakeEngine

/// `medlake roles`: who holds which role.
struct RolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "List, grant and revoke roles (lake.toml [roles]).",
        subcommands: [RolesListCommand.self, RolesGrantCommand.self, RolesRevokeCommand.self],
        defaultSubcommand: RolesListCommand.self)
}

extension Role: ExpressibleByArgument {}

/// `medlake roles list`.
struct RolesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the users holding each role.")

    @OptionGroup var options: LakeOptions

    func run() throws {
        try reportingFailures {
            let lake = try options.open()
            try lake.authorize(.read)
            let roles = Role.allCases.map { role in (role.rawValue, (lake.configuration.roles[role] ?? []).sorted()) }
            if options.json { return try printJSON(Dictionary(uniqueKeysWithValues: roles)) }
            var table = TextTable("ROLE", "USERS")
            for (role, users) in roles { table.add(role, users.joined(separator: ", ")) }
            print(table.render(empty: "No roles."))
        }
    }
}

/// `medlake roles grant USER ROLE`.
struct RolesGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Give a Unix user a role (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user.")
    var user: String

    @Argument(help: "admin, curator, annotator or operator.")
    var role: Role

    func run() throws {
        try reportingFailures {
            _ = try options.open().grant(role, to: user)
            print("\(safe(user)) now holds \(role.rawValue).")
        }
    }
}

/// `medlake roles revoke USER ROLE`.
struct RolesRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Take a role away from a Unix user (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user.")
    var user: String

    @Argument(help: "admin, curator, annotator or operator.")
    var role: Role

    func run() throws {
        try reportingFailures {
            _ = try options.open().revoke(role, from: user)
            print("\(safe(user)) no longer holds \(role.rawValue).")
        }
    }
}
