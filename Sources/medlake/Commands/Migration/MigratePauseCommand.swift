import ArgumentParser
import LakeEngine

/// `medlake migrate pause ID`.
struct MigratePauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a job (a running one stops within a second).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let job = try await options.api().controlJob(id: id, .pause)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
