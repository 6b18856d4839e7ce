import ArgumentParser
import LakeEngine

/// `medlake restore DATASET[@VERSION] --to TIER`: rehydrate from a restore-required tier.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Queue a restore of a dataset's archived objects into a readable tier.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "DATASET or DATASET@VERSION.")
    var dataset: String

    @Option(help: "The tier to restore into (readable without a restore).")
    var to: String

    func run() async throws {
        try await reportingFailures {
            let job = try await options.api().queueJob(MigrationRequest(dataset: dataset, tier: to, kind: .restore))
            if options.json { return try printJSON(job) }
            print("Queued restore job \(job.id): \(job.objectsTotal) objects, \(byteCount(job.bytesTotal)) → \(safe(to)). Run `medlake worker` to move them.")
        }
    }
}
