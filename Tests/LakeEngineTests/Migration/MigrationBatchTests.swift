import Catalog
import Foundation
import GRDB
import Storage
import Testing

@testable import LakeEngine

/// Batches of staged copies: switched on cancel (their copies are verified), rolled back when the lease is
/// lost, and the copies a killed worker left (staged files, published but unswitched objects) removed by
/// the next worker, with the job row counting them.
@Suite struct MigrationBatchTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    /// Files in the warm tier's `tmp` folder (staged copies).
    private func stagedFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try lake.owner.tier(named: "warm").root + "/tmp")
    }

    @Test func batchesSwitchEveryObjectWithOneAuditEventPerBatch() async throws {
        let hashes = try lake.ingestObjects("a", count: 30, size: 2000)
        try lake.owner.queueMigration("a", to: "warm")
        let worker = try MigrationWorker(lake: lake.owner, batchLimits: MigrationBatchLimits(objects: 8, delay: 60))
        let finished = try await worker.runNextJob()
        #expect(finished?.state == .done && finished?.objectsDone == 30)
        #expect(finished?.strayCopiesRemoved == 0)
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["warm"]) }
        let placements = try lake.owner.auditEvents(AuditFilter(action: "object.placement")).map { try $0.placement }
        #expect(placements.count == 4, "30 objects in batches of 8: one event per batch")
        #expect(placements.flatMap(\.objects).sorted() == hashes.sorted(), "each moved object is listed once")
        #expect(placements.allSatisfy { $0.from == "hot" && $0.to == "warm" && $0.count == String($0.objects.count) })
        #expect(try stagedFiles().isEmpty)
    }

    @Test func cancelSwitchesTheVerifiedCopiesOfTheStagedBatchAndLeavesTheRest() async throws {
        let hashes = try lake.ingestObjects("a", count: 40, size: 50_000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        // The batch is never due by count, size or age, so every copy waits staged until the cancel, which
        // lands at the gate before object 10.
        let gate = ObjectGate(at: 10)
        defer { gate.open() }
        var worker = try MigrationWorker(
            lake: lake.owner, leaseDuration: 60, parallelObjects: 1,
            batchLimits: MigrationBatchLimits(objects: 1000, delay: 600))
        worker.linkedObjectsInFlight = 1
        worker.beforeObject = gate.hook
        let running = Task { [worker] in try await worker.runNextJob() }
        #expect(await gate.waitUntilReached())
        #expect(try stagedFiles().count == 10, "copies are staged while the batch fills")
        #expect(try lake.owner.migrationJob(id: job.id).objectsDone == 0)
        try lake.owner.cancelMigration(id: job.id)
        gate.open()
        let cancelled = try await lake.owner.waitForMigrationJob(job.id) { $0.state == .cancelled }
        _ = try await running.value
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.objectsDone == 10, "the ten verified copies are switched, not thrown away")
        #expect(cancelled.strayCopiesRemoved == 0)
        #expect(try stagedFiles().isEmpty, "no staged copy is left")
        let placements = try lake.placements()
        for hash in hashes { #expect(try lake.tiersHolding(hash) == [placements[hash] ?? "?"], "object \(hash)") }
        #expect(placements.values.filter { $0 == "warm" }.count == 10)
        #expect(try lake.owner.verifyAudit().isIntact)
    }

    @Test func aLostLeaseRollsBackTheStagedBatch() async throws {
        let hashes = try lake.ingestObjects("a", count: 12, size: 20_000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        let gate = ObjectGate(at: 5)
        defer { gate.open() }
        var worker = try MigrationWorker(
            lake: lake.owner, name: "first", leaseDuration: 60, parallelObjects: 1,
            batchLimits: MigrationBatchLimits(objects: 1000, delay: 600))
        worker.linkedObjectsInFlight = 1
        worker.beforeObject = gate.hook
        let running = Task { [worker] in try await worker.runNextJob() }
        #expect(await gate.waitUntilReached())
        // Another worker took the job over: the first may switch nothing more.
        try lake.execute("UPDATE migrationJob SET workerId = 'second' WHERE id = ?", [job.id])
        gate.open()
        _ = try await running.value
        #expect(try stagedFiles().isEmpty, "the staged copies are removed")
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["hot"], "object \(hash)") }
        #expect(Set(try lake.placements().values) == ["hot"])
    }

    /// Leaves the destination as a worker killed inside a batch would: two copies staged but not
    /// published, two published under their digests with their items `publishing`, the lease expired.
    private func simulateKilledWorker(_ hashes: [String], jobId: Int64) async throws {
        let warm = try lake.owner.tier(named: "warm")
        let hot = try lake.owner.tier(named: "hot")
        try warm.prepare()
        var published: [StagedCopy] = []
        for (index, hash) in hashes.prefix(4).enumerated() {
            let digest = try ObjectDigest(hex: hash).orThrow()
            let copy = try await warm.stage(digest, from: try await hot.openForReading(digest, range: nil), owner: "job\(jobId)")
            if index >= 2 { published.append(copy) }
        }
        try await warm.publish(published)
        let publishing = hashes[2...3].map { "'\($0)'" }.joined(separator: ",")
        try lake.execute(
            """
            UPDATE migrationItem SET state = 'publishing'
            WHERE jobId = ? AND objectId IN (SELECT id FROM object WHERE sha256 IN (\(publishing)))
            """, [jobId])
        try lake.execute("UPDATE migrationJob SET leaseExpiresAt = 0 WHERE id = ?", [jobId])
    }

    @Test func aTakeoverRemovesWhatAKilledWorkerLeftThenFinishes() async throws {
        let hashes = try lake.ingestObjects("a", count: 6, size: 9000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        let first = try MigrationWorker(lake: lake.owner, name: "first")
        #expect(try first.claim()?.id == job.id)
        try await simulateKilledWorker(hashes, jobId: job.id)
        #expect(try stagedFiles().count == 2)
        #expect(try lake.tiersHolding(hashes[2]) == ["hot", "warm"], "a published copy without its switch")

        let finished = try await MigrationWorker(lake: lake.owner, name: "second").runNextJob()
        #expect(finished?.state == .done)
        #expect(finished?.strayCopiesRemoved == 4, "two staged files and two unswitched objects")
        #expect(try stagedFiles().isEmpty)
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["warm"], "object \(hash)") }
        let actions = try lake.owner.auditEvents().map(\.action)
        #expect(actions.contains("migration.takeover") && actions.contains("migration.cleanup"))
        let cleanup = try #require(try lake.owner.auditEvents(AuditFilter(action: "migration.cleanup")).first)
        #expect(cleanup.details.contains(hashes[2]) && cleanup.details.contains(hashes[3]), "names the objects")
    }

    @Test func cancellingAJobAKilledWorkerLeftRemovesItsCopies() async throws {
        let hashes = try lake.ingestObjects("a", count: 5, size: 7000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        #expect(try MigrationWorker(lake: lake.owner, name: "first").claim()?.id == job.id)
        try await simulateKilledWorker(hashes, jobId: job.id)
        // The job still looks running (its lease expired): the cancel is a request a worker carries out.
        #expect(try lake.owner.cancelMigration(id: job.id).pendingControl == .cancel)
        let cancelled = try await MigrationWorker(lake: lake.owner, name: "second").runNextJob()
        #expect(cancelled?.state == .cancelled)
        #expect(cancelled?.strayCopiesRemoved == 4)
        #expect(try stagedFiles().isEmpty)
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["hot"], "object \(hash)") }
    }

    @Test func cancellingAStoppedJobWithUnremovedCopiesLeavesThemToAWorker() async throws {
        let hashes = try lake.ingestObjects("a", count: 4, size: 5000)
        let job = try lake.owner.queueMigration("a", to: "warm")
        #expect(try MigrationWorker(lake: lake.owner, name: "first").claim()?.id == job.id)
        try await simulateKilledWorker(hashes, jobId: job.id)
        try lake.execute("UPDATE migrationJob SET state = 'paused', workerId = NULL WHERE id = ?", [job.id])
        let requested = try lake.owner.cancelMigration(id: job.id)
        #expect(requested.state == .queued && requested.pendingControl == .cancel)
        let cancelled = try await MigrationWorker(lake: lake.owner, name: "second").runNextJob()
        #expect(cancelled?.state == .cancelled && cancelled?.strayCopiesRemoved == 4)
        for hash in hashes { #expect(try lake.tiersHolding(hash) == ["hot"], "object \(hash)") }
    }
}
