import ArgumentParser
import Foundation
import LakeEngine
import Synchronization

/// `medlake worker`: run queued migration jobs.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run queued migration jobs until interrupted (or until idle with --until-idle).",
        discussion: """
            A job that fails (objects that could not be copied, a destination that cannot be written) is \
            reported on standard error with its number and reason, stays failed until `migrate resume`, \
            and makes a worker run with --until-idle exit with status \(failedJobStatus.rawValue).
            """)

    /// The exit status of `--until-idle` when a job it ran failed.
    static let failedJobStatus = ExitCode(3)

    @OptionGroup var options: LakeOptions

    @Option(help: "Jobs run at the same time.")
    var jobs = 1

    @Flag(help: "Exit when no job is waiting.")
    var untilIdle = false

    @Option(help: "How long a claimed job stays ours without a heartbeat: seconds, or a span like 30s or 2m.",
            transform: WorkerCommand.parseLease)
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

    /// `10`, `10s` or `2m`, in seconds.
    static func parseLease(_ text: String) throws -> Double {
        if let seconds = Double(text) ?? TimeSpan.seconds(text).map(Double.init) { return seconds }
        throw ValidationError("Please give --lease in seconds or as a span, e.g. 10, 30s or 2m.")
    }

    /// SIGINT/SIGTERM end the process as they would any command: a worker stopped at any instant leaves
    /// every object in one verified place, and its job is taken over when the lease expires. A failed job
    /// is reported as it ends, so a long-running worker's log says so at once too.
    func run() async throws {
        let failedJobs = FailedJobCount()
        try await reportingFailures {
            let worker = try MigrationWorker(
                lake: try options.open(), leaseDuration: lease, parallelObjects: parallel, throttleMBps: throttle)
            try await worker.run(jobs: jobs, untilIdle: untilIdle, jobEnded: { job in
                guard job.state == "failed" else { return }
                failedJobs.value.add(1, ordering: .relaxed)
                let reason = job.error ?? "\(job.objectsFailed) objects failed"
                FileHandle.standardError.write(Data(
                    "medlake: error: job \(job.id) (\(safe(job.target)) to tier \(safe(job.toTier))) failed: \(safe(reason))\n"
                        .utf8))
            })
        }
        if failedJobs.value.load(ordering: .relaxed) > 0 { throw Self.failedJobStatus }
    }
}

/// Jobs that ended failed, counted from the worker's tasks.
private final class FailedJobCount: Sendable {
    let value = Atomic<Int>(0)
}
