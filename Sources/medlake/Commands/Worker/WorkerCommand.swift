import ArgumentParser
import Foundation
import LakeEngine
import Logging
import Prometheus
import Synchronization
import TUI

/// `medlake worker`: run queued migration jobs.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run queued migration jobs until interrupted (or until idle with --until-idle).",
        discussion: """
            A job that fails (objects that could not be copied, a destination that cannot be written) is \
            reported on standard error with its number and reason, stays failed until `migrate resume`, \
            and makes a worker run with --until-idle exit with status \(failedJobStatus.rawValue).

            On a served lake the worker takes its jobs from the lake service over the lake's socket and \
            opens no catalog: the service switches each placement after the worker reports a verified copy. \
            It moves the bytes itself, so it runs as an account with the tiers' access (the service account, \
            holding the operator role; see docs/remote-workers.md). With --lake https://HOST:PORT it does the \
            same from another host with an operator's token (--token-file or $MEDLAKE_TOKEN), bucket keys \
            from its own environment and folders mounted at the lake's paths.
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

    @Option(
        help: """
            After SIGTERM or SIGINT, how long the job in flight has to stop before the worker exits anyway: \
            seconds, or a span like 25s.
            """, transform: WorkerCommand.parseGrace)
    var grace = 25.0

    @Option(
        help: """
            Serve /healthz and /readyz (Kubernetes' probes) and /metrics (Prometheus) over HTTP on this port; \
            0 picks one.
            """)
    var metricsPort: Int?

    @Option(help: "The address the probes listen on (0.0.0.0 in a pod, where the kubelet calls the pod's address).")
    var metricsAddress = "127.0.0.1"

    @Option(help: "How log lines on standard error look: human, or json (one object per line).")
    var logFormat = WorkerLogFormat.human

    @Option(help: "Seconds between two progress lines of a running job.")
    var progressEvery = 5.0

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("Please specify --jobs of at least 1.") }
        guard lease >= 1 else { throw ValidationError("Please specify a --lease of at least 1 second.") }
        guard parallel >= 1 else { throw ValidationError("Please specify --parallel of at least 1.") }
        guard grace >= 1 else { throw ValidationError("Please specify a --grace of at least 1 second.") }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("Please specify a --metrics-port from 0 to 65535.")
        }
        if let throttle, throttle <= 0 { throw ValidationError("Please specify a --throttle above 0 MB/s.") }
        guard progressEvery > 0 else { throw ValidationError("Please specify a --progress-every above 0 seconds.") }
    }

    /// `10`, `10s` or `2m`, in seconds.
    static func parseLease(_ text: String) throws -> Double {
        if let seconds = Double(text) ?? TimeSpan.seconds(text).map(Double.init) { return seconds }
        throw ValidationError("Please give --lease in seconds or as a span, e.g. 10, 30s or 2m.")
    }

    /// `25` or `25s`, in seconds.
    static func parseGrace(_ text: String) throws -> Double {
        if let seconds = Double(text) ?? TimeSpan.seconds(text).map(Double.init) { return seconds }
        throw ValidationError("Please give --grace in seconds or as a span, e.g. 25 or 25s.")
    }

    /// SIGTERM or SIGINT stops the worker gracefully (``ShutdownSignals``): no new claims, the job in
    /// flight back in the queue with its lease released, exit status 0. Killed at any instant instead, a
    /// worker still leaves every object in one verified place, and its job is taken over when the lease
    /// expires. With --metrics-port, probes are answered until the worker returns; ready until a signal.
    /// A failed job is reported as it ends, so a long-running worker's log says so at once too.
    ///
    /// Logs go to standard error through swift-log (``WorkerLogHandler``): job start, progress every
    /// `--progress-every` seconds, end and faults. With --metrics-port, `/metrics` serves the worker's
    /// counters (``WorkerMetrics``) in Prometheus' text format, from a registry of this process.
    func run() async throws {
        let failedJobs = FailedJobCount()
        let logger = Logger(label: "medlake.worker") { _ in WorkerLogHandler(format: logFormat) }
        let registry = PrometheusCollectorRegistry()
        try await reportingFailures {
            let metrics = WorkerMetrics(factory: PrometheusMetricsFactory(registry: registry))
            let coordinator = try options.coordinator()
            let local = try coordinator == nil ? localWorker(logger: logger, metrics: metrics) : nil
            let signals = ShutdownSignals(grace: grace, logger: logger)
            defer { signals.cancel() }
            let stop = signals.stop
            // Ready until told to stop: a stopping worker takes no new job.
            var health: HealthEndpoint?
            if let metricsPort {
                let endpoint = try await HealthEndpoint.start(
                    host: metricsAddress, port: metricsPort, metrics: { registry.emitToString() }
                ) { !stop.isRaised }
                logger.info(
                    "probes on port \(endpoint.port) of \(metricsAddress): /healthz, /readyz, /metrics",
                    metadata: ["port": .stringConvertible(endpoint.port)])
                health = endpoint
            }
            let ended: @Sendable (MigrationJobOverview) -> Void = { job in
                guard job.state == .failed else { return }
                failedJobs.value.add(1, ordering: .relaxed)
                let reason = job.error ?? "\(job.objectsFailed) objects failed"
                logger.error(
                    "job \(job.id) (\(job.target) to tier \(job.toTier)) failed: \(reason)",
                    metadata: ["job": .stringConvertible(job.id), "error": "\(reason)"])
            }
            if let local {
                logger.info("worker started", metadata: ["worker": "\(local.name)", "jobs": .stringConvertible(jobs)])
                try await local.run(jobs: jobs, untilIdle: untilIdle, shouldStop: { stop.isRaised }) { job in
                    ended(MigrationJobOverview(job))
                }
            } else if let coordinator {
                let remote = RemoteMigrationWorker(
                    coordinator: coordinator, leaseDuration: lease, parallelObjects: parallel, throttleMBps: throttle,
                    logger: logger, metrics: metrics)
                logger.info(
                    "worker started", metadata: ["worker": "\(remote.holder)", "jobs": .stringConvertible(jobs)])
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<jobs {
                        group.addTask {
                            try await remote.run(untilIdle: untilIdle, shouldStop: { stop.isRaised }, jobEnded: ended)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            logger.info("worker stopped")
            try await health?.stop()
        }
        if failedJobs.value.load(ordering: .relaxed) > 0 { throw Self.failedJobStatus }
    }
}

extension WorkerCommand {
    /// The worker of a lake no service answers for (a personal lake): the lake folder is opened as this
    /// process's user.
    private func localWorker(logger: Logger, metrics: WorkerMetrics) throws -> MigrationWorker {
        try MigrationWorker(
            lake: try options.open(), leaseDuration: lease, parallelObjects: parallel, throttleMBps: throttle,
            logger: logger, progressInterval: progressEvery, metrics: metrics)
    }
}

/// Jobs that ended failed, counted from the worker's tasks.
private final class FailedJobCount: Sendable {
    let value = Atomic<Int>(0)
}
