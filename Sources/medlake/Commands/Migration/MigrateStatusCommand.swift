import ArgumentParser
import Catalog
import Foundation
import LakeEngine

/// `medlake migrate status [ID] [--watch]`.
struct MigrateStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a job's progress (or all unfinished jobs), optionally live.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id; all unfinished jobs when omitted.")
    var id: Int64?

    @Flag(help: "Redraw four times a second until the jobs finish.")
    var watch = false

    func run() throws {
        try reportingFailures {
            let lake = try options.open()
            let redraw = watch && !options.json && isatty(STDOUT_FILENO) == 1
            var drawnLines = 0
            while true {
                let jobs = try id.map { [try lake.migrationJob(id: $0)] } ?? lake.migrationJobs(states: MigrationJobState.active)
                if options.json {
                    try printJSON(jobs)
                } else {
                    let text = migrationTable(jobs)
                    // On a terminal, move back over the previous table and clear it, so the table updates in place.
                    if redraw, drawnLines > 0 { print("\u{1B}[\(drawnLines)F\u{1B}[J", terminator: "") }
                    print(text)
                    drawnLines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                }
                guard watch, jobs.contains(where: { !$0.isFinished }) else { return }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }
}
