import ArgumentParser
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
            let active: Set<String> = ["queued", "running", "paused"]
            while true {
                let jobs = try id.map { [try lake.migrationJob(id: $0)] } ?? lake.migrationJobs(states: active)
                if options.json {
                    try printJSON(jobs)
                } else {
                    print(migrationTable(jobs))
                }
                guard watch, jobs.contains(where: { !$0.isFinished }) else { return }
                Thread.sleep(forTimeInterval: 0.25)
                if !options.json { print("") }
            }
        }
    }
}
