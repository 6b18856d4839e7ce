import ArgumentParser
import Catalog
import Foundation
import LakeEngine

/// `medlake migrate status [ID] [--watch]`.
struct MigrateStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a job's progress (or all unfinished jobs), optionally live.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id; all unfinished jobs when omitted.")
    var id: Int64?

    @Flag(help: "Redraw as the jobs change, until they finish.")
    var watch = false

    /// The states of a job not finished yet.
    private static let unfinished: [MigrationJobState] = [.queued, .running, .paused]

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let redraw = watch && !options.json && isatty(STDOUT_FILENO) == 1
            // Watching starts before the first read, so no change between the two is missed.
            var changes = watch ? try await lake.changes().makeAsyncIterator() : nil
            var drawnLines = 0
            while true {
                let jobs = try await jobs(lake)
                if options.json {
                    try printJSON(jobs)
                } else {
                    let text = migrationTable(jobs)
                    // On a terminal, move back over the previous table and clear it, so the table updates in place.
                    if redraw, drawnLines > 0 { print("\u{1B}[\(drawnLines)F\u{1B}[J", terminator: "") }
                    print(text)
                    drawnLines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                }
                guard watch, jobs.contains(where: { Self.unfinished.contains($0.state) }) else { return }
                guard try await changes?.next() != nil else { return }
            }
        }
    }

    /// Job `id`, or every unfinished job, newest first.
    private func jobs(_ lake: any LakeAPI) async throws -> [MigrationJobOverview] {
        if let id { return [try await lake.job(id: id)] }
        var jobs: [MigrationJobOverview] = []
        for state in Self.unfinished {
            jobs += try await allPages { page in try await lake.migrationJobs(MigrationJobQuery(state: state, page: page)) }
        }
        return jobs.sorted { $0.id > $1.id }
    }
}
