import Catalog
import Foundation
import GRDB
import Storage
import Synchronization

/// One claimed job being carried out by a worker.
///
/// Per object: copy through a ``VerifyingReader`` (bandwidth limit, hash while copying) into the
/// destination backend (fsync of file and folder) → a transaction switching the placements of a batch of
/// such verified copies, marking their items done and appending one `object.placement` audit event each,
/// conditioned on still holding the lease → delete the sources → record the deletions. A kill between any
/// two steps leaves each object readable where the catalog says, and the next worker finishes the rest.
struct JobRun: Sendable {
    let worker: MigrationWorker
    let job: MigrationJob

    private var lake: Lake { worker.lake }
    private var jobId: Int64 { job.id ?? 0 }

    /// How often a read error is retried before the object counts as failed.
    static let attemptsPerObject: Int64 = 3

    /// What the copying tasks share: the next item to take and the first fatal fault.
    private final class Shared: Sendable {
        let next = Atomic<Int>(0)
        let fatal = Mutex<Fatal?>(nil)
        /// Verified copies waiting for their placement switch, and when the oldest arrived.
        let waiting = Mutex<(objects: [Verified], bytes: Int64, since: Double)>(([], 0, 0))
        /// Items whose sources were deleted, recorded in the next transaction.
        let removed = Mutex<[Int64]>([])
    }

    /// A durable, verified copy (or an object already in the destination) waiting for its switch.
    private struct Verified: Sendable {
        var item: MigrationItem
        var object: CatalogObject
        var copied: Bool
    }

    /// Switches are committed in batches: one transaction (one WAL fsync) for up to this many objects…
    static let batchObjects = 64
    /// …or this many bytes…
    static let batchBytes: Int64 = 32 << 20
    /// …or once the oldest waited this long (seconds), so progress and durability never lag far.
    static let batchDelay = 0.1

    /// A fault that ends the whole job (out of space: every further copy would fail too).
    private struct Fatal: Error, Sendable {
        var reason: String
    }

    func execute() async throws {
        let destination = try lake.backend(named: job.toTier)
        if let folder = destination as? FileSystemTier { try folder.prepare() }
        try await removeFinishedSources()
        let keeper = LeaseKeeper(
            pool: lake.catalog.pool, jobId: jobId, worker: worker.name, leaseDuration: worker.leaseDuration,
            bytesTotal: job.bytesTotal, baseBytes: job.bytesDone, baseObjects: job.objectsDone)
        keeper.start()
        let items = try await lake.catalog.reader.read { db in
            try MigrationItem.filter(MigrationItem.Columns.jobId == jobId && MigrationItem.Columns.state == "pending")
                .order(MigrationItem.Columns.id).fetchAll(db)
        }
        let shared = Shared()
        let limit = bandwidthLimit(sources: Set(items.map(\.fromTier)))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<min(worker.parallelObjects, max(items.count, 1)) {
                    group.addTask {
                        while keeper.stop == .none {
                            let index = shared.next.add(1, ordering: .relaxed).oldValue
                            guard index < items.count else { return }
                            do {
                                try await move(
                                    items[index], to: destination, limit: limit, keeper: keeper, shared: shared)
                            } catch let error as Fatal {
                                shared.fatal.withLock { $0 = $0 ?? error }
                                keeper.requestStop(.cancel)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let rest = shared.waiting.withLock { waiting in
                defer { waiting = ([], 0, 0) }
                return waiting.objects
            }
            if !rest.isEmpty, keeper.stop != .leaseLost { try await commit(rest, keeper: keeper, shared: shared) }
        } catch {
            keeper.finish()
            throw error
        }
        keeper.finish()
        try await finish(
            stop: keeper.stop, fatal: shared.fatal.withLock { $0 }, removed: shared.removed.withLock { $0 })
    }

    // MARK: - One object

    private func move(
        _ item: MigrationItem, to destination: any TierBackend, limit: BandwidthLimit?, keeper: LeaseKeeper,
        shared: Shared
    ) async throws {
        guard let object = try await lake.catalog.reader.read({ db in try CatalogObject.fetchOne(db, key: item.objectId) }),
            let digest = ObjectDigest(hex: object.sha256)
        else { return try await recordFailure(item, reason: "the object row is missing or its SHA-256 is malformed") }
        if object.tier == job.toTier {
            return try await submit(Verified(item: item, object: object, copied: false), keeper: keeper, shared: shared)
        }
        let source = try lake.backend(named: object.tier)
        var attempts = item.attempts
        while true {
            var counted: Int64 = 0
            do {
                let reader = VerifyingReader(
                    try await source.openForReading(digest, range: nil), digest: digest, size: object.size,
                    limit: limit, shouldStop: { keeper.stop != .none },
                    progress: { total in
                        keeper.movedBytes.add(total - counted, ordering: .relaxed)
                        counted = total
                    })
                try await destination.put(digest, from: reader)
                break
            } catch let error as StorageError {
                keeper.movedBytes.subtract(counted, ordering: .relaxed)
                if error.isOutOfSpace {
                    throw Fatal(reason: "out of space in tier '\(job.toTier)': \(error)")
                }
                attempts += 1
                if error.isHashMismatch || attempts >= Self.attemptsPerObject {
                    return try await recordFailure(item, reason: error.description)
                }
                try await noteRetry(item, attempts: attempts, reason: error.description)
            } catch let error as S3Error {
                // A bucket answered with an error or not at all: retried like a failed file copy.
                keeper.movedBytes.subtract(counted, ordering: .relaxed)
                attempts += 1
                if error.kind == .digestMismatch || attempts >= Self.attemptsPerObject {
                    return try await recordFailure(item, reason: error.description)
                }
                try await noteRetry(item, attempts: attempts, reason: error.description)
            } catch {
                keeper.movedBytes.subtract(counted, ordering: .relaxed)
                if error is TransferStopped { return }
                throw error
            }
        }
        // The copy is durable and verified: the placement may point at it.
        try await submit(Verified(item: item, object: object, copied: true), keeper: keeper, shared: shared)
    }

    /// Queues a verified object for its switch and commits the waiting batch when it is due.
    private func submit(_ verified: Verified, keeper: LeaseKeeper, shared: Shared) async throws {
        let now = Date().timeIntervalSinceReferenceDate
        let due = shared.waiting.withLock { waiting -> [Verified]? in
            if waiting.objects.isEmpty { waiting.since = now }
            waiting.objects.append(verified)
            waiting.bytes += verified.object.size
            guard waiting.objects.count >= Self.batchObjects || waiting.bytes >= Self.batchBytes
                || now - waiting.since >= Self.batchDelay
            else { return nil }
            defer { waiting = ([], 0, 0) }
            return waiting.objects
        }
        if let due { try await commit(due, keeper: keeper, shared: shared) }
    }

    /// Switches the placements of `batch`, marks its items done and appends one `object.placement` audit
    /// event per moved object, in one transaction that commits only while this worker still holds the
    /// job; then deletes the sources. The job row itself is left to the LeaseKeeper, so progress is
    /// written a few times per second however small the objects.
    private func commit(_ batch: [Verified], keeper: LeaseKeeper, shared: Shared) async throws {
        let removed = shared.removed.withLock { removed in
            defer { removed = [] }
            return removed
        }
        let committed = try await lake.catalog.pool.write { db -> Bool in
            let ours = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                arguments: [jobId, worker.name])
            guard ours == true else { return false }
            for verified in batch {
                let object = verified.object
                try db.execute(sql: "UPDATE object SET tier = ? WHERE id = ?", arguments: [job.toTier, object.id])
                try db.execute(
                    sql: "UPDATE migrationItem SET state = 'done', sourceRemoved = ?, error = NULL WHERE id = ?",
                    arguments: [!verified.copied, verified.item.id])
                if verified.copied {
                    try lake.appendAudit(
                        db, role: worker.role, action: "object.placement", target: object.sha256,
                        details: ["from": object.tier, "to": job.toTier, "job": String(jobId), "bytes": String(object.size)])
                }
            }
            for itemId in removed {
                try db.execute(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?", arguments: [itemId])
            }
            return true
        }
        guard committed else { return keeper.requestStop(.leaseLost) }
        keeper.movedObjects.add(Int64(batch.count), ordering: .relaxed)
        for verified in batch where verified.copied {
            guard let digest = ObjectDigest(hex: verified.object.sha256) else { continue }
            try await lake.backend(named: verified.object.tier).delete(digest)
            shared.removed.withLock { $0.append(verified.item.id ?? 0) }
        }
    }

    private func recordFailure(_ item: MigrationItem, reason: String) async throws {
        try await lake.catalog.pool.write { db in
            try db.execute(
                sql: "UPDATE migrationItem SET state = 'failed', attempts = attempts + 1, error = ? WHERE id = ?",
                arguments: [reason, item.id])
            try db.execute(
                sql: "UPDATE migrationJob SET objectsFailed = objectsFailed + 1, error = ?, updatedAt = ? WHERE id = ? AND workerId = ?",
                arguments: [reason, Date(), jobId, worker.name])
        }
    }

    private func noteRetry(_ item: MigrationItem, attempts: Int64, reason: String) async throws {
        try await lake.catalog.pool.write { db in
            try db.execute(
                sql: "UPDATE migrationItem SET attempts = ?, error = ? WHERE id = ?", arguments: [attempts, reason, item.id])
            try db.execute(
                sql: "UPDATE migrationJob SET error = ? WHERE id = ? AND workerId = ?",
                arguments: ["retrying: " + reason, jobId, worker.name])
        }
    }

    // MARK: - Job

    /// Deletes the sources of objects switched by a worker that died before deleting them.
    private func removeFinishedSources() async throws {
        let rows = try await lake.catalog.reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, i.fromTier, o.sha256, o.tier FROM migrationItem i JOIN object o ON o.id = i.objectId
                    WHERE i.jobId = ? AND i.state = 'done' AND i.sourceRemoved = 0
                    """, arguments: [jobId]
            ).map { row -> (itemId: Int64, fromTier: String, placed: String, sha256: String) in
                (row["id"], row["fromTier"], row["tier"], row["sha256"])
            }
        }
        for (itemId, fromTier, placed, sha256) in rows {
            if fromTier != placed, let digest = ObjectDigest(hex: sha256) {
                try await lake.backend(named: fromTier).delete(digest)
            }
            try await lake.catalog.pool.write { db in
                try db.execute(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?", arguments: [itemId])
            }
        }
    }

    /// Writes the job's final state (unless the lease was lost) with its audit event.
    private func finish(stop: LeaseKeeper.Stop, fatal: Fatal?, removed: [Int64]) async throws {
        if stop == .leaseLost, fatal == nil { return }
        let cancelled = try await lake.catalog.pool.write { db -> Bool in
            guard var current = try MigrationJob.fetchOne(db, key: jobId), current.workerId == worker.name,
                current.state == "running"
            else { return false }
            for itemId in removed {
                try db.execute(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?", arguments: [itemId])
            }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT SUM(state = 'done') AS done, SUM(state = 'failed') AS failed, SUM(state = 'pending') AS pending,
                    COALESCE(SUM(CASE WHEN state = 'done' THEN size END), 0) AS bytes FROM migrationItem WHERE jobId = ?
                    """, arguments: [jobId])
            let failed: Int64 = counts?["failed"] ?? 0
            let pending: Int64 = counts?["pending"] ?? 0
            current.objectsDone = counts?["done"] ?? 0
            current.objectsFailed = failed
            current.bytesDone = counts?["bytes"] ?? 0
            current.etaSeconds = nil
            current.bytesPerSecond = 0
            let action: String
            if let fatal {
                current.state = "failed"
                current.error = fatal.reason
                action = "migration.fail"
            } else if pending > 0, current.control == "cancel" {
                current.state = "cancelled"
                action = "migration.cancelled"
            } else if pending > 0, current.control == "pause" {
                current.state = "paused"
                action = "migration.paused"
            } else if pending > 0 {
                current.state = "queued"
                action = "migration.requeue"
            } else if failed > 0 {
                current.state = "failed"
                current.error = "\(failed) objects failed; last: " + (current.error ?? "unknown")
                action = "migration.fail"
            } else {
                current.state = "done"
                current.error = nil
                action = "migration.finish"
            }
            current.control = nil
            current.workerId = nil
            current.leaseExpiresAt = nil
            if current.state != "queued", current.state != "paused" { current.finishedAt = Date() }
            current.updatedAt = Date()
            try current.update(db)
            try lake.appendAudit(
                db, role: worker.role, action: action, target: "job \(jobId)",
                details: [
                    "worker": worker.name, "state": current.state, "objectsDone": String(current.objectsDone),
                    "objectsFailed": String(failed), "bytesDone": String(current.bytesDone), "error": current.error ?? "",
                ])
            return current.state == "cancelled"
        }
        if cancelled { try lake.removeStrayCopies(jobId: jobId) }
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
