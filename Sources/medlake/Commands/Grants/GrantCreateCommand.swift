import ArgumentParser
import Catalog
import Foundation
import LakeEngine

/// `medlake grant USER DATASET --scope read --expires 8h --reason …`.
struct GrantCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Give a user expiring access to a dataset (admin only; 'medlake grant USER DATASET …' for short).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user, or token:NAME for a service token (a training Job's).")
    var user: String

    @Argument(help: "The dataset.")
    var dataset: String

    @Option(help: "read, annotate or approve.")
    var scope: GrantScope = .read

    @Option(help: "Lifetime: a number and s, m, h or d (at most 90d).")
    var expires: String

    @Option(help: "Why the access is needed (recorded in the audit log).")
    var reason: String

    func validate() throws {
        _ = try GrantDuration.seconds(expires)
    }

    func run() async throws {
        try await reportingFailures {
            // The engine knows users only by the names [roles] lists (and tokens by their table); that a user
            // is a real account is checked here, where the machine's user database is at hand.
            guard user.hasPrefix(TokenCredential.actorPrefix) || getpwnam(user) != nil else {
                throw LakeError.invalidArgument(
                    "no Unix user named \(user) on this machine: grants go to existing accounts; check the "
                        + "name with `getent passwd \(user)` or create the account first")
            }
            let grant = try await options.api().grantAccess(
                NewGrant(
                    user: user, dataset: dataset, scope: scope, lifetime: try GrantDuration.seconds(expires),
                    reason: reason))
            if options.json { return try printJSON(grant) }
            print("Grant \(grant.id): \(safe(user)) may \(scope.rawValue) \(safe(dataset)) until "
                + grant.expiresAt.formatted(.iso8601) + ".")
        }
    }
}
