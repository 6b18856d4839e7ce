import Catalog
import Foundation
import Logging
import Storage
import Synchronization

/// One claimed job being carried out by a worker.
///
/// Per object: stage a verified copy at the destination without waiting for the disk. Between folders
/// on one file system the copy is a hard link read back in full through a ``VerifyingReader`` (no byte
/// is written; the bandwidth limit paces those reads); otherwise the bytes are copied through one
/// (bandwidth limit, hash while copying). Per batch (``MigrationBatchLimits``): mark its
/// items `publishing` → publish the copies (durable under their digests together) → one transaction
/// switching their placements, marking the items done and appending one `object.placement` audit event
/// each, conditioned on still holding the lease → delete the sources → record the deletions.
///
/// Before each delete the tiers' identities and the kept copy are checked (``Lake/checkDeletable(_:from:keptIn:)``);
/// a tier that fails the check fails the job, deleting nothing more.
///
/// A kill between any two steps leaves each object readable where the catalog says; the next worker
/// of the job removes the copies that never got their switch (staged files named for the job, and the
/// objects of `publishing` items) before it resumes. A pause, cancel or shutdown stops the copies in flight
/// (their partial copies are removed) and publishes every copy already verified, so the job resumes after
/// them; only a lost lease or a fault that ends the job rolls back the staged batch.
struct JobRun: Sendable {
    let worker: MigrationWorker
    let job: MigrationJob
    /// The worker's logger with this job's number in its metadata.
    let logger: Logger
    /// True once the worker process is stopping: the job ends early and goes back to the queue.
    var shuttingDown: @Sendable () -> Bool = { false }

    var lake: Lake { worker.lake }
    var jobId: Int64 { job.id ?? 0 }
    /// Names this job's staged files at the destination, so a later worker finds what a killed one left.
    var owner: String { "job\(jobId)" }

    /// How often a read error is retried before the object counts as failed.
    static let attemptsPerObject: Int64 = 3

    /// Objects in flight when every move of a job is a hard link: nothing is copied, and the verifier's
    /// lanes (four on two cores) need a queue that never runs dry while some tasks publish batches
    /// (the 2 GB benchmark: 0.61 s with 16 in flight, 0.68 s with 4).
    static let linkedObjectsInFlight = 16

    /// What the copying tasks share: the next item to take, the batch being staged and the first fatal fault.
    final class Shared: Sendable {
        let next = Atomic<Int>(0)
        let fatal = Mutex<Fatal?>(nil)
        let batch = Mutex<Batch>(Batch())
        /// Items whose sources were deleted, recorded in the next transaction.
        let removed = Mutex<[Int64]>([])
        /// Staged copies this run removed because their batch was rolled back.
        let rolledBack = Atomic<Int64>(0)
        /// Reads shared copies back: two objects at a time on each core.
        let verifier = ParallelVerifier()
        private let backends = Mutex<[String: any TierBackend]>([:])
        private let lake: Lake

        init(lake: Lake) {
            self.lake = lake
        }

        /// The backend of tier `name`, opened once per run (opening one reads the environment).
        func backend(named name: String) throws -> any TierBackend {
            if let backend = backends.withLock({ $0[name] }) { return backend }
            let backend = try lake.backend(named: name)
            backends.withLock { $0[name] = backend }
            return backend
        }

        /// Takes every staged copy waiting for its batch.
        func takeBatch() -> [Staged] {
            batch.withLock { batch in
                defer { batch = Batch() }
                return batch.entries
            }
        }

        /// Records the first fault that ends the job and stops the copies.
        func fail(_ reason: String, keeper: LeaseKeeper) {
            fatal.withLock { $0 = $0 ?? Fatal(reason: reason) }
            keeper.requestStop(.cancel)
        }
    }

    /// Copies staged since the last publish, and when the oldest arrived.
    struct Batch {
        var entries: [Staged] = []
        var bytes: Int64 = 0
        var since = 0.0
    }

    /// A verified copy staged at the destination (or an object already there) waiting for its switch.
    struct Staged: Sendable {
        var item: MigrationItem
        var object: CatalogObject
        /// Nil when the object was in the destination tier already.
        var copy: StagedCopy?
    }

    /// A fault that ends the whole job (out of space: every further copy would fail too).
    struct Fatal: Error, Sendable {
        var reason: String
    }

    func execute() async throws {
        let shared = Shared(lake: lake)
        let destination = try shared.backend(named: job.toTier)
        let keeper = LeaseKeeper(
            catalog: lake.catalog, jobId: jobId, worker: worker.name, leaseDuration: worker.leaseDuration,
            bytesTotal: job.bytesTotal, baseBytes: job.bytesDone, baseObjects: job.objectsDone,
            objectsTotal: job.objectsTotal, shuttingDown: shuttingDown,
            report: LeaseKeeper.Report(
                logger: logger, interval: worker.progressInterval, renewals: worker.metrics.leaseRenewals))
        keeper.start()
        do {
            try await checkTierIdentities(destination: destination, shared: shared)
            try await removeFinishedSources()
            try await removeUnswitchedCopies(at: destination)
            // A cancel requested while no worker ran the job: clean up (above) and end it without copying.
            let work = job.control == .cancel ? [] : try await pendingWork()
            let limit = bandwidthLimit(sources: Set(work.compactMap { $0.object?.tier }))
            let inFlight =
                try linksOnly(work, to: destination, shared: shared)
                ? max(worker.parallelObjects, worker.linkedObjectsInFlight) : worker.parallelObjects
            try await withThrowingTaskGroup(of: Void.self) { closing in
                // Publishes a batch that waited its delay even while no copy ends (large or throttled objects).
                closing.addTask { await closeBatchesOnTime(at: destination, keeper: keeper, shared: shared) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<min(inFlight, max(work.count, 1)) {
                        group.addTask {
                            while keeper.stop == .none {
                                let index = shared.next.add(1, ordering: .relaxed).oldValue
                                guard index < work.count else { return }
                                await worker.beforeObject?(index) { keeper.stop != .none }
                                guard keeper.stop == .none else { return }
                                try await move(
                                    work[index].item, work[index].object, to: destination, limit: limit,
                                    keeper: keeper, shared: shared)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                closing.cancelAll()
                try await closing.waitForAll()
            }
            // Copies staged before a pause, cancel or shutdown are verified: they are kept, not thrown away.
            try await publishAndSwitch(shared.takeBatch(), at: destination, keeper: keeper, shared: shared)
            if keeper.stop != .leaseLost {
                try await removeUnswitchedCopies(at: destination, rolledBack: shared.rolledBack.load(ordering: .relaxed))
            }
        } catch let error as LakeIntegrityError {
            // A tier that is not what its name says: end the job failed, deleting nothing more.
            await destination.discard(shared.takeBatch().compactMap(\.copy))
            shared.fail(error.description, keeper: keeper)
        } catch {
            await destination.discard(shared.takeBatch().compactMap(\.copy))
            keeper.finish()
            throw error
        }
        keeper.finish()
        try await finish(stop: keeper.stop, fatal: shared.fatal.withLock { $0 }, removed: shared.removed.withLock { $0 })
    }

    /// Checks, before anything is copied or deleted, that the destination (created and adopted when it
    /// is a new folder) and every source tier of the job carry this lake's identities, so a job whose
    /// sources could not be deleted from fails before it switches any placement.
    /// - Throws: ``LakeIntegrityError``.
    private func checkTierIdentities(destination: any TierBackend, shared: Shared) async throws {
        if destination is FileSystemTier {
            _ = try lake.preparedTier(named: job.toTier)
        } else if try await !lake.verifyIdentity(of: destination, adopt: true) {
            throw LakeIntegrityError.tierWithoutIdentity(tier: job.toTier, path: job.toTier)
        }
        let sources = try await lake.catalog.read { [jobId] tx in try tx.sourceTiers(jobId: jobId) }
        for name in sources where name != job.toTier {
            guard try await lake.verifyIdentity(of: try shared.backend(named: name), adopt: true) else {
                throw LakeIntegrityError.tierWithoutIdentity(tier: name, path: name)
            }
        }
    }

    /// The job's pending items with their object rows (nil when a row is missing), largest object first:
    /// the verifier's lanes then end together instead of one large object hashing alone at the end.
    private func pendingWork() async throws -> [(item: MigrationItem, object: CatalogObject?)] {
        try await lake.catalog.read { [jobId] tx in
            try tx.pendingItems(jobId: jobId).sorted { first, second in (first.object?.size ?? 0) > (second.object?.size ?? 0) }
        }
    }

    /// True when every source tier of `work` shares a file system with the destination, so each move
    /// is a hard link read back by the verifier.
    private func linksOnly(
        _ work: [(item: MigrationItem, object: CatalogObject?)], to destination: any TierBackend, shared: Shared
    ) throws -> Bool {
        guard let folder = destination as? FileSystemTier else { return false }
        return try Set(work.compactMap { $0.object?.tier }).allSatisfy { tier in
            (try shared.backend(named: tier) as? FileSystemTier).map(folder.sharesFileSystem(with:)) ?? false
        }
    }

    // MARK: - One object

    /// Stages a verified copy of the object at the destination (retrying read errors) and adds it to the
    /// batch. A hash mismatch or repeated read errors fail the object, which stays at its source; running
    /// out of space fails the job.
    private func move(
        _ item: MigrationItem, _ object: CatalogObject?, to destination: any TierBackend, limit: BandwidthLimit?,
        keeper: LeaseKeeper, shared: Shared
    ) async throws {
        guard let object, let digest = ObjectDigest(hex: object.sha256) else {
            return try await recordFailure(item, reason: "the object row is missing or its SHA-256 is malformed")
        }
        if object.tier == job.toTier {
            return try await submit(Staged(item: item, object: object, copy: nil), to: destination, keeper: keeper, shared: shared)
        }
        // A copy staged in place is an object under its digest at once: record first that it may exist.
        if destination.stagesInPlace, try await !markPublishing([item], keeper: keeper) { return }
        let source = try shared.backend(named: object.tier)
        var attempts = item.attempts
        var staged: StagedCopy?
        while staged == nil {
            let progress = ObjectProgress(keeper: keeper)
            do {
                staged = try await destination.stageVerifiedCopy(
                    of: digest, size: object.size, from: source, owner: owner, limit: limit, verifier: shared.verifier,
                    shouldStop: { keeper.stop != .none }, progress: progress.report)
            } catch let error as StorageError {
                progress.takeBack()
                if error.isOutOfSpace {
                    return shared.fail("out of space in tier '\(job.toTier)': \(error)", keeper: keeper)
                }
                attempts += 1
                if error.isHashMismatch || attempts >= Self.attemptsPerObject {
                    return try await recordFailure(item, reason: error.description)
                }
                try await noteRetry(item, attempts: attempts, reason: error.description)
            } catch let error as S3Error {
                // A bucket answered with an error or not at all: retried like a failed file copy.
                progress.takeBack()
                attempts += 1
                if error.kind == .digestMismatch || attempts >= Self.attemptsPerObject {
                    return try await recordFailure(item, reason: error.description)
                }
                try await noteRetry(item, attempts: attempts, reason: error.description)
            } catch {
                progress.takeBack()
                if error is TransferStopped { return }
                throw error
            }
        }
        try await submit(Staged(item: item, object: object, copy: staged), to: destination, keeper: keeper, shared: shared)
    }

    private func recordFailure(_ item: MigrationItem, reason: String) async throws {
        worker.metrics.objectFailures.increment()
        logger.info("object failed", metadata: ["object.item": .stringConvertible(item.id ?? 0), "error": "\(reason)"])
        try await lake.catalog.write { [jobId, worker] tx in
            try tx.recordItemFailure(itemId: item.id, jobId: jobId, worker: worker.name, reason: reason, at: Date())
        }
    }

    private func noteRetry(_ item: MigrationItem, attempts: Int64, reason: String) async throws {
        logger.info(
            "object retried",
            metadata: [
                "object.item": .stringConvertible(item.id ?? 0), "object.attempts": .stringConvertible(attempts),
                "error": "\(reason)",
            ])
        try await lake.catalog.write { [jobId, worker] tx in
            try tx.recordItemRetry(itemId: item.id, attempts: attempts, jobId: jobId, worker: worker.name, reason: reason)
        }
    }

    // MARK: - Job

    /// Writes the job's final state (unless the lease was lost) with its audit event.
    private func finish(stop: LeaseKeeper.Stop, fatal: Fatal?, removed: [Int64]) async throws {
        if stop == .leaseLost, fatal == nil { return }
        try await lake.catalog.write { [jobId, worker, lake] tx in
            _ = try lake.endRun(
                tx, jobId: jobId, worker: worker.name, role: worker.role, failure: fatal?.reason, sourcesRemoved: removed)
        }
    }

    /// The tightest of the worker's override and the limits of the tiers involved (the destination and
    /// every source: a restore reads at the archive's pace).
    private func bandwidthLimit(sources: Set<String>) -> BandwidthLimit? {
        let tiers = sources.union([job.toTier]).map { lake.configuration.tiers[$0]?.bandwidthLimitMBps }
        guard let megabytes = ([worker.throttleMBps] + tiers).compactMap({ $0 }).filter({ $0 > 0 }).min() else {
            return nil
        }
        return BandwidthLimit(bytesPerSecond: megabytes * 1_000_000)
    }
}
