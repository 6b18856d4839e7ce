import ArgumentParser
import Foundation
import LakeEngine
import LakeService

#if canImport(Glibc)
import Glibc
#endif

/// `medlake share PATH --service-user NAME`: hand an existing personal lake to a service account.
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Hand a personal lake to a service account, to share it through `medlake serve`.",
        discussion: """
            Run as root. The account is created if needed (a system account; --group is then its primary \
            group). It becomes the owner of the lake folder and of what lake.toml names outside it (folder \
            tiers, the de-identification key, the catalog's password file): files keep only owner bits, \
            folders become 0700 and the lake folder 0711, so users reach the service's socket and nothing \
            else. Nothing changes unless all of those belong to the lake's owner. The hand-over is recorded \
            in the audit log (lake.shared). Roles in lake.toml are kept: the lake's users reach it through \
            `medlake serve` with the roles they had.
            """
    )

    @Argument(help: "The lake folder (a personal lake).")
    var path: String

    @Option(help: "The Unix account that will alone own the lake and run `medlake serve` (created if needed).")
    var serviceUser: String

    @Option(help: "The service account's primary group, when the account is created.")
    var group: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if geteuid() != 0 {
            throw ValidationError("Please run 'share' as root: it creates the account and hands it the lake.")
        }
    }

    func run() throws {
        try reportingFailures {
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            let actor = try Identity.current()
            let account = try ServiceAccountSetup.ensure(user: serviceUser, group: group)
            let previous = try Lake.share(root: root, toUser: account.uid, group: account.gid)
            let previousOwner = (try? Identity.user(uid: previous).user) ?? String(previous)
            // Only the account can open the lake now: become it, as the service does, to record the hand-over.
            try ServiceAccount.becomeOwner(of: root)
            umask(0o077)
            try Lake.recordShare(root: root, by: actor, previousOwner: previousOwner, account: serviceUser)
            if json {
                try printJSON(["lake": root, "serviceAccount": serviceUser, "previousOwner": previousOwner])
            } else {
                print("Handed \(safe(root)) from \(safe(previousOwner)) to \(safe(serviceUser)).")
                print("Serve it with `medlake serve --lake \(safe(root))` as root.")
            }
        }
    }
}
