import ArgumentParser
import LakeEngine

/// `medlake grant list`.
struct GrantListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List live grants (all with --all).")

    @OptionGroup var options: LakeOptions

    @Flag(help: "Include expired and revoked grants.")
    var all = false

    func run() throws {
        try reportingFailures {
            let grants = try options.open().grants(all: all)
            if options.json { return try printJSON(grants) }
            var table = TextTable("ID", "USER", "DATASET", "SCOPE", "STATUS", "EXPIRES", "BY", "REASON")
            for listing in grants {
                let grant = listing.grant
                table.add(
                    String(grant.id ?? 0), grant.principal, listing.dataset, grant.scope.rawValue, listing.status,
                    grant.expiresAt.formatted(.iso8601), grant.grantedBy, grant.reason)
            }
            print(table.render(empty: "No grants."))
        }
    }
}
