import ArgumentParser
import LakeEngine

/// `medlake init PATH`: create a lake.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a lake: lake.toml, the catalog and the tier folders.",
        discussion: """
            The user running the command is given every role. Files are created without world access; \
            with --group they belong to that Unix group, whose members can then be named in [roles].
            """
    )

    @Argument(help: "The folder to create the lake in (new or empty).")
    var path: String

    @Option(help: "Unix group shared by the lake's users.")
    var group: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try reportingFailures {
            let lake = try Lake.create(at: path, group: group)
            if json {
                try printJSON([
                    "lake": lake.root, "user": lake.actor.user,
                    "roles": lake.actorRoles.map(\.rawValue).joined(separator: ","),
                ])
            } else {
                print("Created lake \(safe(lake.root)) (\(safe(lake.actor.user)): \(lake.actorRoles.map(\.rawValue).joined(separator: ", "))).")
            }
        }
    }
}
