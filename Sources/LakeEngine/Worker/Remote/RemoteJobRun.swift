import Catalog
import Foundation
import Logging
import Storage
import Synchronization

/// One job claimed from a ``MigrationCoordinator``, carried out by a ``RemoteMigrationWorker``.
///
/// Before copying: opens each tier with the worker's own access and checks that it carries this lake's
/// identity for its name (a bucket or folder that is another's is never written to or deleted from), and
/// removes the job's staged files a killed holder left at the destination. Then, batch by batch: ask for
/// items, stage verified copies (``TierBackend/stageVerifiedCopy(of:size:from:owner:limit:verifier:shouldStop:progress:)``),
/// publish them, report them (the coordinator switches the placements), check each copy is at the
/// destination with its size, delete the sources, and report the deletions. A lease keeper renews the
/// lease three times per lease; a conflict at any call means another worker holds the job now, and
/// nothing more is touched.
struct RemoteJobRun: Sendable {
    let worker: RemoteMigrationWorker
    let claim: WorkerJobClaim
    let logger: Logger
    /// True once the worker process is stopping: the batch in flight is finished and the job released.
    var shuttingDown: @Sendable () -> Bool

    var coordinator: any MigrationCoordinator { worker.coordinator }
    var owner: String { "job\(claim.job)" }

    /// How often a read error is retried before the object counts as failed.
    static let attemptsPerObject = 3

    /// What the run's tasks share: why it stops, and the bytes of copies not yet reported.
    final class State: Sendable {
        let leaseLost = Atomic<Bool>(false)
        let control = Mutex<MigrationControl?>(nil)
        let bytesInFlight = Atomic<Int64>(0)
    }

    /// A count shared by tasks (an `Atomic` cannot be captured by a task's closure itself).
    final class SharedCount: Sendable {
        let value = Atomic<Int64>(0)
    }

    /// Runs the job; false when the lease was lost (the job is another worker's; release nothing).
    /// - Throws: what makes the whole job fail (a tier without this lake's identity, keys missing).
    func execute() async throws -> Bool {
        let backends = try await openTiers()
        guard let destination = backends[claim.toTier] else {
            throw LakeError.notFound(kind: "tier", id: claim.toTier)
        }
        _ = try await destination.discardStaged(owner: owner)
        let state = State()
        let keeper = Task<Void, Never> { await keepLease(state) }
        defer { keeper.cancel() }
        guard try await removeUnswitchedCopies(at: destination, from: backends, state: state) else { return false }
        let limit = bandwidthLimit()
        let verifier = ParallelVerifier(threads: 1)
        if claim.control == .cancel { return true }
        while !state.leaseLost.load(ordering: .acquiring), state.control.withLock({ $0 }) == nil, !shuttingDown() {
            let items = try await call(state) {
                try await coordinator.nextItems(
                    job: claim.job, WorkerItemsRequest(holder: worker.holder, limit: worker.batchObjects))
            }
            guard let items, !items.isEmpty else { break }
            let (copies, failed) = try await copy(
                items, to: destination, from: backends, limit: limit, verifier: verifier, state: state)
            guard !state.leaseLost.load(ordering: .acquiring) else {
                // Staged files only: a copy written in place (a bucket) has the digest another holder may
                // have switched to, so it is never deleted here.
                await destination.discard(copies.map(\.copy))
                break
            }
            try await destination.publish(copies.map(\.copy))
            FaultPoint.migrationPublished.reach()
            let moved = copies.map {
                WorkerReport.MovedObject(item: $0.item.item, sha256: $0.item.sha256, size: $0.item.size)
            }
            let reported = try await call(state) {
                try await coordinator.report(
                    job: claim.job, WorkerReport(holder: worker.holder, moved: moved, failed: failed))
            }
            state.bytesInFlight.store(0, ordering: .relaxed)
            guard reported != nil else { break }
            worker.metrics.objectsMoved.increment(by: copies.count)
            worker.metrics.bytesMoved.increment(by: copies.reduce(Int64(0)) { $0 + $1.item.size })
            var removed: [Int64] = []
            for (item, _) in copies {
                guard let source = backends[item.fromTier], let digest = ObjectDigest(hex: item.sha256) else { continue }
                // The copy the placement now names must be there before the source goes.
                guard try await destination.size(of: digest) == item.size else {
                    throw LakeIntegrityError.keeperCopyMissing(
                        tier: item.fromTier, keeper: claim.toTier, object: item.sha256)
                }
                try await source.delete(digest)
                removed.append(item.item)
            }
            guard !removed.isEmpty else { continue }
            _ = try await call(state) {
                try await coordinator.report(job: claim.job, WorkerReport(holder: worker.holder, sourcesRemoved: removed))
            }
        }
        return !state.leaseLost.load(ordering: .acquiring)
    }

    // MARK: - Leftovers of earlier holders

    /// Deletes the destination copies of the claim's ``WorkerJobClaim/unswitched`` items (an earlier
    /// holder copied them and died or lost the job before reporting, so no placement names them) and
    /// reports them, so each object is in exactly one place whether the job then runs or ends cancelled.
    /// A copy is deleted only while the source the placement names holds the object whole under another
    /// directory entry (``Lake/checkKeeperCopy(of:size:from:keptIn:)``): one that is the only copy left
    /// is kept, logged, and moves again with its item. False when the lease was lost meanwhile.
    private func removeUnswitchedCopies(
        at destination: any TierBackend, from backends: [String: any TierBackend], state: State
    ) async throws -> Bool {
        var removed: [Int64] = []
        for item in claim.unswitched {
            guard let digest = ObjectDigest(hex: item.sha256), let source = backends[item.fromTier],
                item.fromTier != claim.toTier, try await destination.size(of: digest) != nil
            else { continue }
            do {
                try await Lake.checkKeeperCopy(of: digest, size: item.size, from: destination, keptIn: source)
            } catch let error as LakeIntegrityError {
                logger.error(
                    "unswitched copy kept: its source is not whole",
                    metadata: ["object.item": .stringConvertible(item.item), "error": "\(error)"])
                continue
            }
            try await destination.delete(digest)
            removed.append(item.item)
        }
        guard !removed.isEmpty else { return true }
        logger.info("unswitched copies removed", metadata: ["objects": .stringConvertible(removed.count)])
        return try await call(state) {
            try await coordinator.report(job: claim.job, WorkerReport(holder: worker.holder, copiesRemoved: removed))
        } != nil
    }

    // MARK: - Tiers

    /// Every tier of the job, opened with the worker's access and checked to carry this lake's identity.
    /// A tier without one that holds no object at all (a new bucket prefix or folder) is given it, as the
    /// lake itself would (``Lake/verifyIdentity(of:adopt:)``: there is nothing to lose); any other is
    /// refused, so a bucket or folder of another lake is never written to or deleted from.
    private func openTiers() async throws -> [String: any TierBackend] {
        var backends: [String: any TierBackend] = [:]
        for location in claim.tiers {
            let backend = try location.backend(environment: worker.environment)
            let expected = TierIdentity(lake: claim.lake, tier: location.name)
            let found: TierIdentityState
            if let folder = backend as? FileSystemTier {
                var state = try folder.readIdentity()
                let empty = try state == .noFolder || (state == .missing && folder.holdsNoObjects())
                if empty {
                    try folder.prepare()
                    state = try folder.writeIdentity(expected)
                }
                found = state
            } else if let bucket = backend as? S3Tier {
                var state = try await bucket.readIdentity()
                if state == .missing, try await bucket.holdsNoObjects() { state = try await bucket.writeIdentity(expected) }
                found = state
            } else {
                found = .missing
            }
            guard found == .present(expected) else {
                throw LakeIntegrityError.tierWithoutIdentity(tier: location.name, path: location.path ?? location.name)
            }
            backends[location.name] = backend
        }
        return backends
    }

    /// The tightest of the worker's override and the tiers' limits.
    private func bandwidthLimit() -> BandwidthLimit? {
        let limits = [worker.throttleMBps] + claim.tiers.map(\.bandwidthLimitMBps)
        guard let megabytes = limits.compactMap({ $0 }).filter({ $0 > 0 }).min() else { return nil }
        return BandwidthLimit(bytesPerSecond: megabytes * 1_000_000)
    }

    // MARK: - Copies

    /// Stages verified copies of `items`, `parallelObjects` at a time; returns the copies and the objects
    /// that failed (hash mismatch, or read errors `attemptsPerObject` times).
    private func copy(
        _ items: [WorkerItem], to destination: any TierBackend, from backends: [String: any TierBackend],
        limit: BandwidthLimit?, verifier: ParallelVerifier, state: State
    ) async throws -> ([(item: WorkerItem, copy: StagedCopy)], [WorkerReport.FailedObject]) {
        let next = SharedCount()
        return try await withThrowingTaskGroup(
            of: [(WorkerItem, Result<StagedCopy, ObjectFailure>)].self
        ) { group in
            for _ in 0..<min(worker.parallelObjects, items.count) {
                group.addTask {
                    var done: [(WorkerItem, Result<StagedCopy, ObjectFailure>)] = []
                    while true {
                        let index = Int(next.value.add(1, ordering: .relaxed).oldValue)
                        guard index < items.count, !state.leaseLost.load(ordering: .acquiring) else { return done }
                        let item = items[index]
                        do {
                            let result = try await copy(
                                item, to: destination, from: backends, limit: limit, verifier: verifier, state: state)
                            done.append((item, result))
                        } catch is TransferStopped {
                            return done  // the lease was lost
                        }
                    }
                }
            }
            var copies: [(item: WorkerItem, copy: StagedCopy)] = []
            var failed: [WorkerReport.FailedObject] = []
            for try await results in group {
                for (item, result) in results {
                    switch result {
                    case .success(let copy): copies.append((item, copy))
                    case .failure(let failure):
                        failed.append(WorkerReport.FailedObject(item: item.item, reason: failure.reason))
                    }
                }
            }
            return (copies, failed)
        }
    }

    /// Why one object could not be copied.
    struct ObjectFailure: Error {
        var reason: String
    }

    /// One object's verified copy, retrying read errors; a hash mismatch fails it at once.
    private func copy(
        _ item: WorkerItem, to destination: any TierBackend, from backends: [String: any TierBackend],
        limit: BandwidthLimit?, verifier: ParallelVerifier, state: State
    ) async throws -> Result<StagedCopy, ObjectFailure> {
        guard let digest = ObjectDigest(hex: item.sha256), let source = backends[item.fromTier] else {
            return .failure(ObjectFailure(reason: "tier '\(item.fromTier)' or SHA-256 \(item.sha256) is unknown to this job"))
        }
        var attempts = 0
        while true {
            let counted = SharedCount()
            do {
                let copy = try await destination.stageVerifiedCopy(
                    of: digest, size: item.size, from: source, owner: owner, limit: limit, verifier: verifier,
                    shouldStop: { state.leaseLost.load(ordering: .acquiring) },
                    progress: { total in
                        let previous = counted.value.exchange(total, ordering: .relaxed)
                        state.bytesInFlight.add(total - previous, ordering: .relaxed)
                    })
                return .success(copy)
            } catch {
                state.bytesInFlight.subtract(counted.value.load(ordering: .relaxed), ordering: .relaxed)
                if error is TransferStopped { throw error }
                if let error = error as? StorageError, error.isOutOfSpace { throw error }
                attempts += 1
                let mismatch = (error as? StorageError)?.isHashMismatch == true || (error as? S3Error)?.kind == .digestMismatch
                if mismatch || attempts >= Self.attemptsPerObject {
                    worker.metrics.objectFailures.increment()
                    return .failure(ObjectFailure(reason: String(describing: error)))
                }
                logger.info(
                    "object retried",
                    metadata: ["object.item": .stringConvertible(item.item), "error": "\(error)"])
            }
        }
    }

    // MARK: - Lease

    /// Runs a coordinator call; nil (and the lease marked lost) when it answers that this worker no longer
    /// holds the job.
    private func call<Value>(_ state: State, _ body: () async throws -> Value) async throws -> Value? {
        do {
            return try await body()
        } catch {
            guard case .jobState = error as? LakeError else { throw error }
            state.leaseLost.store(true, ordering: .releasing)
            return nil
        }
    }

    /// Renews the lease three times per lease until cancelled; notes a pause or cancel, or a lost lease.
    /// A renewal that fails otherwise (the service briefly unreachable) is retried at the next beat: the
    /// lease outlives two missed beats.
    private func keepLease(_ state: State) async {
        while !Task.isCancelled, !state.leaseLost.load(ordering: .acquiring) {
            do {
                try await Task.sleep(for: .seconds(worker.leaseDuration / 3))
            } catch {
                return
            }
            do {
                let renewal = WorkerLeaseRenewal(
                    holder: worker.holder, leaseSeconds: worker.leaseDuration,
                    bytesInFlight: state.bytesInFlight.load(ordering: .relaxed))
                let lease = try await call(state) { try await coordinator.renewLease(job: claim.job, renewal) }
                worker.metrics.leaseRenewals.increment()
                if let control = lease?.control { state.control.withLock { $0 = control } }
            } catch {
                logger.info("lease renewal failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
