import ArgumentParser
import LakeEngine

/// `medlake migrate list`.
struct MigrateListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List migration jobs, newest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only jobs in this state (queued, running, paused, done, failed, cancelled).")
    var state: String?

    func run() throws {
        try reportingFailures {
            let jobs = try options.open().migrationJobs(states: state.map { [$0] })
            if options.json { return try printJSON(jobs) }
            print(migrationTable(jobs))
        }
    }
}
