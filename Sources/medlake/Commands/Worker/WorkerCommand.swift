import ArgumentParser
import Foundation
import LakeEngine

/// `medlake worker`: run queued migration jobs.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run queued migration jobs until interrupted (or until idle with --until-idle).")

    @OptionGroup var options: LakeOptions

    @Option(help: "Jobs run at the same time.")
    var jobs = 1

    @Flag(help: "Exit when no job is waiting.")
    var untilIdle = false

    @Option(help: "Seconds a claimed job stays ours without a heartbeat.")
    var lease = 10.0

    @Option(help: "Bandwidth limit in MB/s for every copy (the tightest of this and the tiers' limits applies).")
    var throttle: Double?

    @Option(help: "Objects of one job copied at the same time.")
    var parallel = 4

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("Please specify --jobs of at least 1.") }
        guard lease >= 1 else { throw ValidationError("Please specify a --lease of at least 1 second.") }
        guard parallel >= 1 else { throw ValidationError("Please specify --parallel of at least 1.") }
        if let throttle, throttle <= 0 { throw ValidationError("Please specify a --throttle above 0 MB/s.") }
    }

    /// SIGINT/SIGTERM end the process as they would any command: a worker stopped at any instant leaves
    /// every object in one verified place, and its job is taken over when the lease expires.
    func run() async throws {
        do {
            let worker = try MigrationWorker(
                lake: try options.open(), leaseDuration: lease, parallelObjects: parallel, throttleMBps: throttle)
            try await worker.run(jobs: jobs, untilIdle: untilIdle)
        } catch {
            try reportingFailures { throw error }
        }
    }
}
