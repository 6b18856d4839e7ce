import Catalog
import Foundation
import Storage

extension JobRun {
    // MARK: - Leftovers of earlier runs

    /// Deletes the sources of objects switched by a worker that died before deleting them.
    func removeFinishedSources() async throws {
        let rows = try await lake.catalog.read { [jobId] tx in try tx.itemsWithSourceLeft(jobId: jobId) }
        for (itemId, fromTier, object) in rows {
            if fromTier != object.tier, let digest = ObjectDigest(hex: object.sha256) {
                let source = try lake.backend(named: fromTier)
                try await lake.checkDeletable(object, from: source, keptIn: try lake.backend(named: object.tier))
                try await source.delete(digest)
            }
            try await lake.catalog.write { tx in try tx.markSourceRemoved(itemIds: [itemId]) }
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
        let rows = try await lake.catalog.read { [jobId, worker] tx -> [(itemId: Int64, object: CatalogObject)]? in
            guard try tx.runningJob(id: jobId, worker: worker.name) != nil else { return nil }
            return try tx.publishingItems(jobId: jobId)
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
        let itemIds = rows.map(\.itemId)
        try await lake.catalog.write { [jobId, worker, job, lake] tx in
            guard try tx.runningJob(id: jobId, worker: worker.name) != nil else { return }
            try tx.resetPublishing(itemIds: itemIds)
            guard total > 0 else { return }
            try tx.addStrayCopiesRemoved(total, jobId: jobId)
            try lake.appendAudit(
                tx, role: worker.role, action: "migration.cleanup", target: "job \(jobId)",
                details: [
                    "tier": job.toTier, "stagedFilesRemoved": String(Int64(files) + rolledBack),
                    "unswitchedObjectsRemoved": objects,
                ])
        }
    }
}
