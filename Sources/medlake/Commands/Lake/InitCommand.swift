import ArgumentParser
import Foundation
import LakeEngine

/// `medlake init PATH`: create a lake.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a lake: lake.toml, the catalog and the tier folders.",
        discussion: """
            The user running the command is given every role. Without --service-user the lake is personal: \
            its files are the user's alone (files 0600 or 0400, folders 0700), and it opens in-process.

            With --service-user (as root) the lake is for `medlake serve`: the account is created if \
            needed (a system account; --group is then its primary group), and it alone can open anything \
            in the lake. Users reach the lake only through the service, which is how a lake is shared.
            """
    )

    @Argument(help: "The folder to create the lake in (new or empty).")
    var path: String

    @Option(help: "With --service-user: the service account's primary group.")
    var group: String?

    @Option(help: "The Unix account that alone owns the lake and runs `medlake serve` (created if needed).")
    var serviceUser: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if group != nil, serviceUser == nil {
            throw ValidationError(
                "Please give --group only with --service-user: a lake is shared through its service, not a group.")
        }
        if serviceUser != nil, geteuid() != 0 {
            throw ValidationError("Please run 'init --service-user' as root: it creates the account and hands it the lake.")
        }
    }

    func run() throws {
        try reportingFailures {
            let account = try serviceUser.map { try ServiceAccountSetup.ensure(user: $0, group: group) }
            let lake = try Lake.create(at: path)
            if let account { try Lake.handOver(root: lake.root, toUser: account.uid, group: account.gid) }
            if json {
                try printJSON([
                    "lake": lake.root, "user": lake.actor.user,
                    "roles": lake.actorRoles.map(\.rawValue).joined(separator: ","),
                ])
            } else {
                print("Created lake \(safe(lake.root)) (\(safe(lake.actor.user)): \(lake.actorRoles.map(\.rawValue).joined(separator: ", "))).")
                if let serviceUser {
                    print("Only \(safe(serviceUser)) can open it: serve it with `medlake serve --lake \(safe(lake.root))` as root.")
                }
            }
        }
    }
}
