import Foundation
import Logging
import Storage

/// Runs migration jobs on a host that does not open the catalog: claims them from a
/// ``MigrationCoordinator`` (the lake service, with an operator's token), moves the bytes tier to tier
/// with its own access (buckets with keys from its own environment, folders it mounts at the paths the
/// lake uses), and reports every verified copy; the coordinator switches the placement, and only then
/// does the worker delete the source.
///
/// Killed at any instant, it leaves every object readable where the catalog says: a copy not yet
/// reported has no placement (the job's next holder copies it again, rewriting the same digest), a
/// switched object whose source is left is recorded as such. Its lease expires by the coordinator's
/// clock and another worker takes the job over. A worker whose lease was taken over is told so (a
/// conflict) at its next call and stops touching the job, deleting nothing more.
///
/// ```swift
/// let worker = RemoteMigrationWorker(coordinator: try LakeClient(remote: remote))
/// try await worker.run(untilIdle: true)
/// ```
public struct RemoteMigrationWorker: Sendable {
    let coordinator: any MigrationCoordinator
    /// This process, sent with every call; with the token it names the lease holder.
    public let holder: LeaseHolder
    /// Seconds a claim stays valid without a renewal; renewed three times per lease.
    public let leaseDuration: Double
    /// Objects copied at the same time.
    public let parallelObjects: Int
    /// Objects asked for at once (twice ``parallelObjects``); each batch is copied, reported, then its
    /// sources deleted, so a kill loses at most one batch of copies.
    public var batchObjects: Int { parallelObjects * 2 }
    /// Bandwidth limit in MB/s on top of the tiers' own (the tightest applies).
    public let throttleMBps: Double?
    /// Where bucket keys are read from: the worker's own environment.
    let environment: [String: String]
    public let logger: Logger
    public let metrics: WorkerMetrics

    public init(
        coordinator: any MigrationCoordinator, holder: LeaseHolder? = nil, leaseDuration: Double = 10,
        parallelObjects: Int = 4, throttleMBps: Double? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "medlake.worker", factory: { _ in SwiftLogNoOpLogHandler() }),
        metrics: WorkerMetrics = WorkerMetrics()
    ) {
        self.coordinator = coordinator
        self.holder = holder ?? .current
        self.leaseDuration = leaseDuration
        self.parallelObjects = max(1, parallelObjects)
        self.throttleMBps = throttleMBps
        self.environment = environment
        self.logger = logger
        self.metrics = metrics
    }

    /// Runs jobs one after another until `shouldStop` returns true, or (when `untilIdle`) until no job
    /// waits; idle, it asks again every `pollInterval` seconds. Once `shouldStop` is true no job is
    /// claimed, and the job in flight finishes the objects it is copying, reports them and is queued
    /// again for another worker.
    ///
    /// - Parameter jobEnded: called with every job this worker released, as it was released.
    public func run(
        untilIdle: Bool, pollInterval: Double = 1, shouldStop: @escaping @Sendable () -> Bool = { false },
        jobEnded: @escaping @Sendable (MigrationJobOverview) -> Void = { _ in }
    ) async throws {
        while !shouldStop() {
            if let job = try await runNextJob(shouldStop: shouldStop) {
                jobEnded(job)
                continue
            }
            if untilIdle { return }
            try await Task.sleep(nanoseconds: UInt64(pollInterval * 1e9))
        }
    }

    /// Claims and runs one job; returns it as released, or nil when no job waited or the lease was lost
    /// (the job is another worker's now).
    @discardableResult
    public func runNextJob(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> MigrationJobOverview? {
        let answer = try await coordinator.claimJob(WorkerClaimRequest(holder: holder, leaseSeconds: leaseDuration))
        guard let claim = answer.claim else { return nil }
        var logger = logger
        logger[metadataKey: "job"] = .stringConvertible(claim.job)
        logger.info("job started", metadata: ["worker": "\(claim.worker)", "tier.to": "\(claim.toTier)"])
        metrics.jobsInFlight.increment()
        defer { metrics.jobsInFlight.decrement() }
        let run = RemoteJobRun(worker: self, claim: claim, logger: logger, shuttingDown: shouldStop)
        let failure: String?
        do {
            guard try await run.execute() else {
                logger.info("job lost: its lease was taken over")
                return nil
            }
            failure = nil
        } catch {
            if case .jobState = error as? LakeError {
                logger.info("job lost: its lease was taken over")
                return nil
            }
            // The coordinator refusing the caller (an expired or revoked token, a role taken away) or not
            // answering ends the worker: the lease expires and another worker resumes the job.
            if Self.endsWorker(error) { throw error }
            failure = String(describing: error)
        }
        let ended: MigrationJobOverview
        do {
            ended = try await coordinator.releaseJob(job: claim.job, WorkerRelease(holder: holder, failure: failure))
        } catch let error as LakeError {
            guard case .jobState = error else { throw error }
            return nil
        }
        if ended.state == .failed { metrics.jobFailures.increment() }
        logger.info("job \(ended.state)", metadata: ["objects": .stringConvertible(ended.objectsDone)])
        return ended
    }
}

extension RemoteMigrationWorker {
    /// True for errors that no other job would escape either.
    static func endsWorker(_ error: any Error) -> Bool {
        if error is TokenError || error is RemoteTransportError { return true }
        if case .notPermitted = error as? LakeError { return true }
        return false
    }
}

/// Marks errors of a ``MigrationCoordinator``'s transport (a service that cannot be reached, a token it
/// refuses): they end the worker instead of failing the job.
public protocol RemoteTransportError: Error {}
