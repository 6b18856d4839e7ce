import Catalog
import Foundation
import Logging
import Storage

/// Runs queued migration jobs: claims one with a lease, stages verified copies of its objects at the
/// destination, makes each batch of copies durable together and switches their placements in one
/// transaction, deletes sources after the switch commits, and records the outcome.
///
/// Several workers (threads or processes) may run against one catalog: a claim is one write transaction,
/// so two workers never hold the same job, and every write a worker makes to a job is conditioned on still
/// holding it. A job whose worker died keeps state `running` with an expired lease; the next claim takes it
/// over and resumes with the objects not yet switched.
///
/// ```swift
/// let worker = try MigrationWorker(lake: lake)
/// try await worker.run(jobs: 2, untilIdle: true)
/// ```
public struct MigrationWorker: Sendable {
    let lake: Lake
    /// This worker's name in job rows: `host:pid:n`.
    public private(set) var name: String
    /// Seconds a claim stays valid without a heartbeat.
    public let leaseDuration: Double
    /// Objects of one job copied at the same time (overlaps hashing on one core with I/O on another).
    public let parallelObjects: Int
    /// Bandwidth limit in MB/s on top of the tiers' own (the tightest applies); nil uses the tiers' alone.
    public let throttleMBps: Double?
    /// When staged copies are published and switched.
    public let batchLimits: MigrationBatchLimits
    /// Where job starts, progress, ends and faults are logged (at info and below).
    public let logger: Logger
    /// Seconds between two progress lines of a running job.
    public let progressInterval: Double
    /// Counters and gauges of this worker, shared by its job slots.
    public let metrics: WorkerMetrics
    /// This process, recorded in the rows of the jobs it holds so screens can say who runs a job.
    let holder: LeaseHolder
    let role: Role
    /// Objects in flight when every move of a job is a hard link (``JobRun/linkedObjectsInFlight``); tests
    /// set 1 to move one object at a time.
    var linkedObjectsInFlight = JobRun.linkedObjectsInFlight
    /// Test seam: awaited before the run takes object `index` of its pending work (largest first), with a
    /// function telling whether the job has seen a stop (pause, cancel, shutdown), so a test can stop a job
    /// at a chosen object instead of racing a clock. Nil outside tests.
    var beforeObject: (@Sendable (_ index: Int, _ stopSeen: @escaping @Sendable () -> Bool) async -> Void)?

    /// - Parameters:
    ///   - logger: Receives the job's lifecycle at info (start, progress every `progressInterval`
    ///     seconds, end) with dotted metadata (`job`, `bytes`, `objects`…); nothing is logged by default.
    ///   - metrics: Counters for the process's metrics backend; no-ops unless one is bootstrapped or given.
    /// - Throws: ``LakeError/notPermitted(user:permission:)`` unless the actor may migrate.
    public init(
        lake: Lake, name: String? = nil, leaseDuration: Double = 10, parallelObjects: Int = 4,
        throttleMBps: Double? = nil, batchLimits: MigrationBatchLimits = MigrationBatchLimits(),
        logger: Logger = Logger(label: "medlake.worker", factory: { _ in SwiftLogNoOpLogHandler() }),
        progressInterval: Double = 5, metrics: WorkerMetrics = WorkerMetrics()
    ) throws {
        role = try lake.authorize(.migrate)
        self.lake = lake
        holder = LeaseHolder.current
        self.name = name ?? "\(holder.host):\(holder.pid)"
        self.leaseDuration = leaseDuration
        self.parallelObjects = max(1, parallelObjects)
        self.throttleMBps = throttleMBps
        self.batchLimits = batchLimits
        self.logger = logger
        self.progressInterval = progressInterval
        self.metrics = metrics
    }

    /// Runs jobs, `jobs` at a time, until `shouldStop` returns true, or (when `untilIdle`) until no job is
    /// waiting. Idle workers look for work every `pollInterval` seconds. First removes the in-flight files
    /// that dead writers left in the folder tiers (a killed ingest's; a job's own are its next worker's).
    ///
    /// Once `shouldStop` returns true no job is claimed, and a job in flight stops within a lease beat: the
    /// batch being staged is rolled back (a batch already publishing is finished), and the job goes back to
    /// the queue with its lease released, so another worker resumes it at once.
    ///
    /// - Parameter jobEnded: Called with the final snapshot of every job this worker ends, as it ends (on
    ///   the worker's task): callers report those whose state is `failed`.
    public func run(
        jobs: Int = 1, untilIdle: Bool, pollInterval: Double = 1, shouldStop: @escaping @Sendable () -> Bool = { false },
        jobEnded: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) async throws {
        try lake.sweepDeadTemporaries(in: lake.existingFolderTiers())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in 0..<max(1, jobs) {
                group.addTask {
                    let worker = self.named("\(self.name):\(slot)")
                    while !shouldStop() {
                        try await worker.recordQueueDepth()
                        if let job = try await worker.runNextJob(shouldStop: shouldStop) {
                            jobEnded(job)
                            continue
                        }
                        if untilIdle { return }
                        try await Task.sleep(nanoseconds: UInt64(pollInterval * 1e9))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Claims and runs one job; returns its final snapshot, or nil when no job was waiting. When
    /// `shouldStop` turns true the job stops early and is queued again, as in
    /// ``run(jobs:untilIdle:pollInterval:shouldStop:jobEnded:)``.
    ///
    /// A job that cannot run at all (its destination cannot be prepared, a tier is unknown) ends `failed`
    /// with the error, rather than staying `running` until its lease expires and failing the same way for
    /// every worker that takes it over; `migrate resume` queues it again once the cause is fixed.
    @discardableResult
    public func runNextJob(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> MigrationProgress? {
        guard let job = try claim(), let jobId = job.id else { return nil }
        var logger = logger
        logger[metadataKey: "job"] = .stringConvertible(jobId)
        logger.info("job started", metadata: Self.startMetadata(job, worker: name))
        metrics.jobsInFlight.increment()
        defer { metrics.jobsInFlight.decrement() }
        do {
            try await JobRun(worker: self, job: job, logger: logger, shuttingDown: shouldStop).execute()
        } catch {
            logger.info("job failed", metadata: ["error": "\(error)"])
            try await recordFailure(ofJob: jobId, reason: String(describing: error))
        }
        let ended = try await lake.catalog.read { tx in try tx.migrationJob(id: jobId) }
            .map(MigrationProgress.init)
        if let ended {
            if ended.state == .failed { metrics.jobFailures.increment() }
            logger.info("job \(ended.state)", metadata: Self.endMetadata(ended))
        }
        return ended
    }

    /// Records how many jobs wait in the queue (the `medlake_migration_queue_depth` gauge).
    func recordQueueDepth() async throws {
        let queued = try await lake.catalog.read { tx in try tx.queuedJobCount() }
        metrics.queueDepth.set(queued)
    }

    /// Ends job `jobId` as `failed` with `reason` and its audit event, if this worker still holds it.
    private func recordFailure(ofJob jobId: Int64, reason: String) async throws {
        try await lake.catalog.write { [name, role, lake] tx in
            guard var job = try tx.runningJob(id: jobId, worker: name) else { return }
            job.state = .failed
            job.error = reason
            job.control = nil
            job.workerId = nil
            job.workerPid = nil
            job.workerHost = nil
            job.leaseExpiresAt = nil
            job.etaSeconds = nil
            job.bytesPerSecond = 0
            job.finishedAt = Date()
            job.updatedAt = Date()
            try tx.update(job)
            try lake.appendAudit(
                tx, role: role, action: "migration.fail", target: "job \(jobId)",
                details: ["worker": name, "state": job.state.rawValue, "error": reason])
        }
    }

    private func named(_ name: String) -> MigrationWorker {
        var copy = self
        copy.name = name
        return copy
    }

    // MARK: - Claim

    /// Takes the oldest queued job, or a running one whose lease expired, in one write transaction.
    func claim() throws -> MigrationJob? {
        try lake.claimNextJob(worker: name, holder: holder, leaseDuration: leaseDuration, role: role)
    }
}
