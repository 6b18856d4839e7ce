import ArgumentParser
import LakeEngine

/// `medlake migrate DATASET[@VERSION] --to TIER`.
struct MigrateStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Queue a job moving a dataset's objects to a tier.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET or DATASET@VERSION.")
    var dataset: String

    @Option(help: "The destination tier.")
    var to: String

    func run() throws {
        try reportingFailures {
            let job = try options.open().queueMigration(dataset, to: to)
            if options.json { return try printJSON(job) }
            print("Queued job \(job.id): \(job.objectsTotal) objects, \(byteCount(job.bytesTotal)) → \(safe(to)). Run `medlake worker` to move them.")
        }
    }
}
