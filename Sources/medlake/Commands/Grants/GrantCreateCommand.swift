import ArgumentParser
import LakeEngine

/// `medlake grant USER DATASET --scope read --expires 8h --reason …`.
struct GrantCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Give a user expiring access to a dataset (admin only; 'medlake grant USER DATASET …' for short).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The Unix user.")
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

    func run() throws {
        try reportingFailures {
            let grant = try options.open().grantAccess(
                user: user, dataset: dataset, scope: scope, lifetime: try GrantDuration.seconds(expires), reason: reason)
            if options.json { return try printJSON(grant) }
            print("Grant \(grant.id ?? 0): \(safe(user)) may \(scope.rawValue) \(safe(dataset)) until "
                + grant.expiresAt.formatted(.iso8601) + ".")
        }
    }
}
