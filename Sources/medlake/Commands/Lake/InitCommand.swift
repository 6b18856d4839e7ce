import ArgumentParser
import Catalog
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

            With --catalog the catalog lives in PostgreSQL (lake.toml [catalog] url) instead of catalog.sqlite: \
            the database (or its ?schema=) must hold no catalog row, and is migrated. Its password is never in \
            lake.toml: $MEDLAKE_CATALOG_PASSWORD, or --catalog-password-file (mode 0600, owned by you), which \
            with --service-user is handed to the account with the lake, so the service reads it and no one else.
            """
    )

    @Argument(help: "The folder to create the lake in (new or empty).")
    var path: String

    @Option(help: "With --service-user: the service account's primary group.")
    var group: String?

    @Option(help: "The Unix account that alone owns the lake and runs `medlake serve` (created if needed).")
    var serviceUser: String?

    @Option(
        help: ArgumentHelp(
            "Keep the catalog in PostgreSQL: postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME] (no password).",
            valueName: "url"))
    var catalog: String?

    @Option(help: ArgumentHelp("With --catalog: a file holding the catalog's password (mode 0600, owned by you; with --service-user it becomes the account's).", valueName: "file"))
    var catalogPasswordFile: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if group != nil, serviceUser == nil {
            throw ValidationError(
                "Please give --group only with --service-user: a lake is shared through its service, not a group.")
        }
        if catalogPasswordFile != nil, catalog == nil {
            throw ValidationError("Please give --catalog-password-file only with --catalog.")
        }
        if serviceUser != nil, geteuid() != 0 {
            throw ValidationError("Please run 'init --service-user' as root: it creates the account and hands it the lake.")
        }
    }

    func run() throws {
        try reportingFailures {
            // A bad URL is refused before anything is made, the service account included.
            let settings = try catalog.map { url in
                CatalogSettings(
                    postgres: try PostgresCatalogLocation(url: url),
                    passwordFile: catalogPasswordFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            }
            let account = try serviceUser.map { try ServiceAccountSetup.ensure(user: $0, group: group) }
            let lake = try Lake.create(at: path, catalog: settings ?? .sqlite)
            // The lake and what its lake.toml names outside it (the catalog's password file) become the account's.
            if let account { try Lake.share(root: lake.root, toUser: account.uid, group: account.gid) }
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
