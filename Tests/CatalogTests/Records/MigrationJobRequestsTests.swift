import Foundation
import Testing

@testable import Catalog

/// Migration job requests (creation, claims, leases, takeovers, the job row's tallies) on each engine.
///
/// No test waits for a lease to run out: an expired lease is one granted for a negative time, which is
/// already over by either engine's clock.
@Suite struct MigrationJobRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// Inserts `count` objects of `size` bytes in tier `hot` and a queued job moving them to `cold`.
    static func queueJob(_ tx: CatalogTransaction, objects count: Int, size: Int64 = 10, tag: String = "a") throws
        -> MigrationJob
    {
        var objects: [MovableObject] = []
        for index in 0..<count {
            let sha256 = tag + String(format: "%063d", index)
            let id = try tx.storedObjectId(sha256: sha256, size: size, tier: "hot", at: now)
            objects.append(MovableObject(id: id, sha256: sha256, size: size, tier: "hot"))
        }
        var job = MigrationJob(
            reason: "manual", target: "trial-\(tag)", toTier: "cold", state: .queued, objectsTotal: Int64(count),
            bytesTotal: Int64(count) * size, createdBy: "ana", createdAt: now, updatedAt: now)
        try tx.insertJob(&job, objects: objects)
        return job
    }

    @Test(
        "A queued job is created with one pending item per object and listed newest first",
        arguments: CatalogEngine.available)
    func creation(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let first = try Self.queueJob(tx, objects: 3, tag: "a")
                let second = try Self.queueJob(tx, objects: 1, tag: "b")
                let firstId = try #require(first.id)
                let secondId = try #require(second.id)
                #expect(try tx.migrationJob(id: firstId) == first)
                #expect(try tx.migrationJob(id: secondId + 100) == nil)
                #expect(try tx.migrationJobTarget(id: firstId) == "trial-a")
                #expect(try tx.migrationJobs(states: nil, limit: 10).map(\.id) == [secondId, firstId])
                #expect(try tx.migrationJobs(states: nil, limit: 1).map(\.id) == [secondId])
                #expect(try tx.migrationJobs(states: [.queued, .running], limit: 10).count == 2)
                #expect(try tx.migrationJobs(states: [.running], limit: 10).isEmpty)
                #expect(try tx.migrationJobs(states: [], limit: 10).isEmpty)
                #expect(try tx.queuedJobCount() == 2)
                #expect(try tx.hasActiveJobs())
                #expect(
                    try tx.itemTally(jobId: firstId) == MigrationItemTally(done: 0, failed: 0, pending: 3, bytesDone: 0)
                )
                #expect(try tx.sourceTiers(jobId: firstId) == ["hot"])
                #expect(try tx.objectIdsInActiveJobs().count == 4)
                #expect(try tx.jobControl(id: firstId) == nil)
                #expect(!(try tx.jobHasUnswitchedItems(jobId: firstId)))
            }
            try store.write { tx throws in
                for var job in try tx.migrationJobs(states: nil, limit: 10) {
                    job.state = .done
                    try tx.update(job)
                }
                #expect(!(try tx.hasActiveJobs()))
                #expect(try tx.objectIdsInActiveJobs().isEmpty)
                #expect(try tx.queuedJobCount() == 0)
            }
        }
    }

    @Test(
        "Claims take the oldest job, hold it for the lease, and take over an expired lease",
        arguments: CatalogEngine.available)
    func claimsAndTakeovers(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (firstId, secondId) = try store.write { tx throws in
                (
                    try #require(try Self.queueJob(tx, objects: 2, tag: "a").id),
                    try #require(try Self.queueJob(tx, objects: 1, tag: "b").id)
                )
            }
            // Worker w1 takes the oldest job for an hour.
            let first = try #require(
                try store.write { tx in
                    try tx.claimJob(worker: "w1", pid: 11, host: "node-1", leaseSeconds: 3600, at: Date())
                })
            #expect(first.job.id == firstId && !first.isTakeover && first.previousWorker == nil)
            #expect(first.job.state == .running && first.job.workerId == "w1" && first.job.attempts == 1)
            #expect(first.job.workerPid == 11 && first.job.workerHost == "node-1" && first.job.startedAt != nil)
            try store.read { tx throws in
                #expect(try tx.runningJob(id: firstId, worker: "w1") == first.job)
                #expect(try tx.runningJob(id: firstId, worker: "w2") == nil)
                #expect(try tx.liveWorkerIds(at: Date()) == ["w1"])
            }
            // w2 finds the first job held and takes the second for a lease that is already over.
            let second = try #require(
                try store.write { tx in
                    try tx.claimJob(worker: "w2", pid: 22, host: "node-2", leaseSeconds: -60, at: Date())
                })
            #expect(second.job.id == secondId && !second.isTakeover)
            try store.read { tx throws in #expect(try tx.liveWorkerIds(at: Date()) == ["w1"]) }
            // w3 takes the second job over from w2, whose lease expired; w2 can no longer renew it.
            let takeover = try #require(
                try store.write { tx in
                    try tx.claimJob(worker: "w3", pid: 33, host: "node-3", leaseSeconds: 3600, at: Date())
                })
            #expect(takeover.job.id == secondId && takeover.isTakeover && takeover.previousWorker == "w2")
            #expect(takeover.job.attempts == 2 && takeover.job.startedAt == second.job.startedAt)
            try store.write { tx throws in
                #expect(
                    try tx.renewLease(
                        jobId: secondId, worker: "w2", leaseSeconds: 60, objectsDone: 1, bytesDone: 10,
                        bytesPerSecond: 1, etaSeconds: nil, at: Date()) == nil)
                #expect(try tx.runningJob(id: secondId, worker: "w2") == nil)
                #expect(try tx.runningJob(id: secondId, worker: "w3") != nil)
                #expect(try tx.liveWorkerIds(at: Date()) == ["w1", "w3"])
                // Nothing is left to claim: both jobs are held.
                #expect(try tx.claimJob(worker: "w4", pid: 44, host: "node-4", leaseSeconds: 60, at: Date()) == nil)
            }
        }
    }

    @Test(
        "A renewal extends the lease by the lease clock and records progress; only the holder renews",
        arguments: CatalogEngine.available)
    func renewals(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let jobId = try store.write { tx throws in try #require(try Self.queueJob(tx, objects: 2).id) }
            // A process clock far in the past: SQLite keeps leases by it, PostgreSQL by the server's clock.
            let skewed = Date(timeIntervalSince1970: 1000)
            try store.write { tx throws in
                let before = try Self.leaseClock(tx)
                let claim = try #require(
                    try tx.claimJob(worker: "w1", pid: 1, host: "h", leaseSeconds: 60, at: skewed))
                let after = try Self.leaseClock(tx)
                let expiry = try #require(claim.job.leaseExpiresAt)
                switch engine {
                case .sqlite: #expect(expiry == 1_060_000)
                case .postgres: #expect((before + 60_000)...(after + 60_000) ~= expiry)
                }
            }
            try store.write { tx throws in
                let before = try Self.leaseClock(tx)
                let renewed = try #require(
                    try tx.renewLease(
                        jobId: jobId, worker: "w1", leaseSeconds: 120, objectsDone: 1, bytesDone: 15,
                        bytesPerSecond: 2.5, etaSeconds: 3, at: skewed.addingTimeInterval(10)))
                let after = try Self.leaseClock(tx)
                switch engine {
                case .sqlite: #expect(renewed == 1_130_000)
                case .postgres: #expect((before + 120_000)...(after + 120_000) ~= renewed)
                }
                let job = try #require(try tx.migrationJob(id: jobId))
                #expect(job.leaseExpiresAt == renewed && job.objectsDone == 1 && job.bytesDone == 15)
                #expect(
                    job.bytesPerSecond == 2.5 && job.etaSeconds == 3 && job.updatedAt == skewed.addingTimeInterval(10))
                #expect(
                    try tx.renewLease(
                        jobId: jobId, worker: "w2", leaseSeconds: 120, objectsDone: 2, bytesDone: 20,
                        bytesPerSecond: 0, etaSeconds: nil, at: skewed) == nil)
                #expect(try tx.migrationJob(id: jobId)?.objectsDone == 1)
            }
        }
    }

    @Test("Item failures and retries are counted on the item and the job", arguments: CatalogEngine.available)
    func failuresAndRetries(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                let jobId = try #require(try Self.queueJob(tx, objects: 2).id)
                _ = try tx.claimJob(worker: "w1", pid: 1, host: "h", leaseSeconds: 3600, at: Date())
                let itemIds = try tx.pendingItems(jobId: jobId).compactMap(\.item.id)
                try tx.recordItemRetry(itemId: itemIds[0], attempts: 1, jobId: jobId, worker: "w1", reason: "timeout")
                #expect(try tx.migrationJob(id: jobId)?.error == "retrying: timeout")
                try tx.recordItemFailure(
                    itemId: itemIds[0], jobId: jobId, worker: "w1", reason: "bad digest", at: Self.now)
                let job = try #require(try tx.migrationJob(id: jobId))
                #expect(job.objectsFailed == 1 && job.error == "bad digest" && job.updatedAt == Self.now)
                let failed = try #require(try tx.migrationItem(id: itemIds[0], jobId: jobId))
                #expect(failed.item.state == .failed && failed.item.attempts == 2 && failed.item.error == "bad digest")
                #expect(
                    try tx.itemTally(jobId: jobId) == MigrationItemTally(done: 0, failed: 1, pending: 1, bytesDone: 0))

                try tx.retryFailedItems(jobId: jobId)
                let retried = try #require(try tx.migrationItem(id: itemIds[0], jobId: jobId))
                #expect(retried.item.state == .pending && retried.item.error == nil)
                try tx.addStrayCopiesRemoved(2, jobId: jobId)
                try tx.addStrayCopiesRemoved(3, jobId: jobId)
                #expect(try tx.migrationJob(id: jobId)?.strayCopiesRemoved == 5)
            }
        }
    }

    /// The lease clock's "now" as the engine reads it, in milliseconds since 1970.
    static func leaseClock(_ tx: CatalogTransaction) throws -> Int64 {
        switch tx.connection.dialect {
        case .sqlite: return 0
        case .postgres:
            // clock_timestamp(): the time of this call, not of the statement or transaction.
            return try #require(
                try tx.connection.fetchValue(
                    Int64.self, "SELECT CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS BIGINT)"))
        }
    }
}
