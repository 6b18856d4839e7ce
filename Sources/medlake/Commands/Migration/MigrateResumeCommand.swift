import ArgumentParser
import LakeEngine

/// `medlake migrate resume ID`.
struct MigrateResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused job, or retry a failed one.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let job = try await options.api().controlJob(id: id, .resume)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
