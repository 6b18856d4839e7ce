import ArgumentParser
import LakeEngine

/// `medlake migrate DATASET[@VERSION] --to TIER`.
struct MigrateStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Queue a job moving a dataset's objects to a tier.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET or DATASET@VERSION.")
    var dataset: String

    @Option(help: "The destination tier.")
    var to: String

    func run() async throws {
        try await reportingFailures {
            let job = try await options.api().queueJob(MigrationRequest(dataset: dataset, tier: to, kind: .migrate))
            if options.json { return try printJSON(job) }
            print("Queued job \(job.id): \(job.objectsTotal) objects, \(byteCount(job.bytesTotal)) → \(safe(to)). Run `medlake worker` to move them.")
        }
    }
}
