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
                    SELECT i.id AS itemId, i.fromTier, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
                    WHERE i.jobId = ? AND i.state = 'done' AND i.sourceRemoved = 0
                    """, arguments: [jobId]
            ).map { row -> (itemId: Int64, fromTier: String, object: CatalogObject) in
                (row["itemId"], row["fromTier"], try CatalogObject(row: row))
            }
        }
        for (itemId, fromTier, object) in rows {
            if fromTier != object.tier, let digest = ObjectDigest(hex: object.sha256) {
                let source = try lake.backend(named: fromTier)
                try await lake.checkDeletable(object, from: source, keptIn: try lake.backend(named: object.tier))
                try await source.delete(digest)
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
        let rows = try await lake.catalog.reader.read { db -> [(itemId: Int64, object: CatalogObject)]? in
            let ours = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM migrationJob WHERE id = ? AND workerId = ? AND state = 'running'",
                arguments: [jobId, worker.name])
            guard ours == true else { return nil }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT i.id AS itemId, o.* FROM migrationItem i JOIN object o ON o.id = i.objectId
                    WHERE i.jobId = ? AND i.state = 'publishing'
                    """, arguments: [jobId]
            ).map { row -> (itemId: Int64, object: CatalogObject) in (row["itemId"], try CatalogObject(row: row)) }
        }
        guard let rows else { return }
        let files = try await destination.discardStaged(owner: owner)
        var removed: [String] = []
        for (_, object) in rows where object.tier != job.toTier {
            guard let digest = ObjectDigest(hex: object.sha256), try await destination.size(of: digest) != nil else {
                continue
            }
            try await lake.checkDeletable(object, from: destination, keptIn: try lake.backend(named: object.tier))
            try await destination.delete(digest)
            removed.append(object.sha256)
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
                CatalogTransaction(unmoved: db), role: worker.role, action: "migration.cleanup", target: "job \(jobId)",
                details: [
                    "tier": job.toTier, "stagedFilesRemoved": String(Int64(files) + rolledBack),
                    "unswitchedObjectsRemoved": objects,
                ])
        }
    }
}
