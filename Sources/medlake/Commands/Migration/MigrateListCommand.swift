import ArgumentParser
import Catalog
import LakeEngine

/// `medlake migrate list`.
struct MigrateListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List migration jobs, newest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only jobs in this state (queued, running, paused, done, failed, cancelled).")
    var state: MigrationJobState?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let jobs = try await allPages { page in try await lake.migrationJobs(MigrationJobQuery(state: state, page: page)) }
            if options.json { return try printJSON(jobs) }
            print(migrationTable(jobs))
        }
    }
}
