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
struct RolesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the users holding each role.")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let roles = try await options.api().roles().map { ($0.role.rawValue, $0.users) }
            if options.json { return try printJSON(Dictionary(uniqueKeysWithValues: roles)) }
            var table = TextTable("ROLE", "USERS")
            for (role, users) in roles { table.add(role, users.joined(separator: ", ")) }
            print(table.render(empty: "No roles."))
        }
    }
}

/// `medlake roles grant USER ROLE`.
struct RolesGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Give a Unix user a role (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user.")
    var user: String

    @Argument(help: "admin, curator, annotator or operator.")
    var role: Role

    func run() async throws {
        try await reportingFailures {
            _ = try await options.api().changeRole(RoleChange(user: user, role: role, kind: .grant))
            print("\(safe(user)) now holds \(role.rawValue).")
        }
    }
}

/// `medlake roles revoke USER ROLE`.
struct RolesRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Take a role away from a Unix user (admin only).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user.")
    var user: String

    @Argument(help: "admin, curator, annotator or operator.")
    var role: Role

    func run() async throws {
        try await reportingFailures {
            _ = try await options.api().changeRole(RoleChange(user: user, role: role, kind: .revoke))
            print("\(safe(user)) no longer holds \(role.rawValue).")
        }
    }
}
