import ArgumentParser
import LakeEngine

/// `medlake grant list`.
struct GrantListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List live grants (all with --all).")

    @OptionGroup var options: LakeOptions

    @Flag(help: "Include expired and revoked grants.")
    var all = false

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let grants = try await allPages { page in try await lake.grants(GrantQuery(all: all, page: page)) }
            if options.json { return try printJSON(grants) }
            var table = TextTable("ID", "USER", "DATASET", "SCOPE", "STATUS", "EXPIRES", "BY", "REASON")
            for grant in grants {
                table.add(
                    String(grant.id), grant.user, grant.dataset, grant.scope.rawValue, grant.status.rawValue,
                    grant.expiresAt.formatted(.iso8601), grant.grantedBy, grant.reason)
            }
            print(table.render(empty: "No grants."))
        }
    }
}
