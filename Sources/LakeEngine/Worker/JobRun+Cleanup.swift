import Catalog
import Foundation
import GRDB
import Storage

extension JobRun {
    // MARK: - Leftovers of earlier runs

    /// Deletes the sources of objects switched by a worker that died before deleting them.
    func removeFinishedSources() async throws {
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

    /// Removes the destination copies whose placement switch never committed, so each object is in
    /// exactly one place: files this job staged and never published (a killed worker's, or any left at
    /// the end of a run) and the objects of `publishing` items (deleted with the backend's `delete`, so
    /// in a bucket too). Their items become `pending` again. Adds the count, plus `rolledBack` copies the
    /// run removed itself, to the job row, with a `migration.cleanup` audit event naming the objects.
    ///
    /// Nothing is removed unless this worker holds the job when the sweep starts; its LeaseKeeper keeps
    /// the lease alive meanwhile, so no other worker can be staging copies for the job at the same time.
    ///
    /// - precondition: none of this worker's copies for the job is in flight.
    func removeUnswitchedCopies(at destination: any TierBackend, rolledBack: Int64 = 0) async throws {
        let rows = try await lake.catalog.reader.read { db -> [(itemId: Int64, sha256: String, tier: String)]? in
            let ours = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                arguments: [jobId, worker.name])
            guard ours == true else { return nil }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id, o.sha256, o.tier FROM migrationItem i JOIN object o ON o.id = i.objectId
                    WHERE i.jobId = ? AND i.state = 'publishing'
                    """, arguments: [jobId]
            ).map { row -> (itemId: Int64, sha256: String, tier: String) in (row["id"], row["sha256"], row["tier"]) }
        }
        guard let rows else { return }
        let files = try await destination.discardStaged(owner: owner)
        var removed: [String] = []
        for (_, sha256, tier) in rows where tier != job.toTier {
            guard let digest = ObjectDigest(hex: sha256), try await destination.size(of: digest) != nil else { continue }
            try await destination.delete(digest)
            removed.append(sha256)
        }
        let total = Int64(files + removed.count) + rolledBack
        guard total > 0 || !rows.isEmpty else { return }
        let objects = removed.joined(separator: ",")
        try await lake.catalog.pool.write { db in
            let ours = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                arguments: [jobId, worker.name])
            guard ours == true else { return }
            for row in rows {
                try db.execute(
                    sql: "UPDATE migrationItem SET state = 'pending' WHERE id = ? AND state = 'publishing'",
                    arguments: [row.itemId])
            }
            guard total > 0 else { return }
            try db.execute(
                sql: "UPDATE migrationJob SET strayCopiesRemoved = strayCopiesRemoved + ? WHERE id = ?",
                arguments: [total, jobId])
            try lake.appendAudit(
                db, role: worker.role, action: "migration.cleanup", target: "job \(jobId)",
                details: [
                    "tier": job.toTier, "stagedFilesRemoved": String(Int64(files) + rolledBack),
                    "unswitchedObjectsRemoved": objects,
                ])
        }
    }
}
