import ArgumentParser
import LakeEngine

/// `medlake migrate cancel ID`.
struct MigrateCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a job; every object stays in exactly one verified place.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let job = try await options.api().controlJob(id: id, .cancel)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
