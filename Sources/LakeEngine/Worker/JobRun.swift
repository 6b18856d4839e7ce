import Catalog
import Foundation
import GRDB
import Storage
import Synchronization

/// One claimed job being carried out by a worker.
///
/// Per object: copy through a ``VerifyingReader`` (bandwidth limit, hash while copying) into the
/// destination backend (fsync of file and folder) → one transaction switching the placement, marking the
/// item done, counting progress and appending the `object.placement` audit event, conditioned on still
/// holding the lease → delete the source → mark the source removed. A kill between any two steps leaves
/// each object readable where the catalog says, and the next worker finishes the remaining steps.
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
    }

    /// A fault that ends the whole job (out of space: every further copy would fail too).
    private struct Fatal: Error, Sendable {
        var reason: String
    }

    func execute() async throws {
        let destination = try lake.tier(named: job.toTier)
        try destination.prepare()
        try await removeFinishedSources()
        let keeper = LeaseKeeper(
            pool: lake.catalog.pool, jobId: jobId, worker: worker.name, leaseDuration: worker.leaseDuration,
            bytesTotal: job.bytesTotal, baseBytes: job.bytesDone)
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
                                try await move(items[index], to: destination, limit: limit, keeper: keeper)
                            } catch let error as Fatal {
                                shared.fatal.withLock { $0 = $0 ?? error }
                                keeper.requestStop(.cancel)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            keeper.finish()
            throw error
        }
        keeper.finish()
        try await finish(stop: keeper.stop, fatal: shared.fatal.withLock { $0 })
    }

    // MARK: - One object

    private func move(
        _ item: MigrationItem, to destination: FileSystemTier, limit: BandwidthLimit?, keeper: LeaseKeeper
    ) async throws {
        guard let object = try await lake.catalog.reader.read({ db in try CatalogObject.fetchOne(db, key: item.objectId) }),
            let digest = ObjectDigest(hex: object.sha256)
        else { return try await recordFailure(item, reason: "the object row is missing or its SHA-256 is malformed") }
        if object.tier == job.toTier {
            try await switchPlacement(item, object: object, from: object.tier, copied: false)
            return
        }
        let source = try lake.tier(named: object.tier)
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
            } catch {
                keeper.movedBytes.subtract(counted, ordering: .relaxed)
                if error is TransferStopped { return }
                throw error
            }
        }
        // The copy is durable and verified: the placement may point at it.
        guard try await switchPlacement(item, object: object, from: object.tier, copied: true) else {
            return keeper.requestStop(.leaseLost)
        }
        try await source.delete(digest)
        try await lake.catalog.pool.write { db in
            try db.execute(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?", arguments: [item.id])
        }
    }

    /// Switches the placement, marks the item done and counts it, in one transaction that only commits
    /// while this worker still holds the job. Returns false when the lease was lost.
    @discardableResult
    private func switchPlacement(_ item: MigrationItem, object: CatalogObject, from: String, copied: Bool) async throws -> Bool {
        try await lake.catalog.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE migrationJob SET objectsDone = objectsDone + 1, updatedAt = ?
                    WHERE id = ? AND workerId = ? AND state = 'running'
                    """, arguments: [Date(), jobId, worker.name])
            guard db.changesCount == 1 else { return false }
            try db.execute(sql: "UPDATE object SET tier = ? WHERE id = ?", arguments: [job.toTier, object.id])
            try db.execute(
                sql: "UPDATE migrationItem SET state = 'done', sourceRemoved = ?, error = NULL WHERE id = ?",
                arguments: [!copied, item.id])
            if copied {
                try lake.appendAudit(
                    db, role: worker.role, action: "object.placement", target: object.sha256,
                    details: ["from": from, "to": job.toTier, "job": String(jobId), "bytes": String(object.size)])
            }
            return true
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
                try await lake.tier(named: fromTier).delete(digest)
            }
            try await lake.catalog.pool.write { db in
                try db.execute(sql: "UPDATE migrationItem SET sourceRemoved = 1 WHERE id = ?", arguments: [itemId])
            }
        }
    }

    /// Writes the job's final state (unless the lease was lost) with its audit event.
    private func finish(stop: LeaseKeeper.Stop, fatal: Fatal?) async throws {
        if stop == .leaseLost, fatal == nil { return }
        let cancelled = try await lake.catalog.pool.write { db -> Bool in
            guard var current = try MigrationJob.fetchOne(db, key: jobId), current.workerId == worker.name,
                current.state == "running"
            else { return false }
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
