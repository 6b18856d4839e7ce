import Catalog
import Foundation
import GRDB
import Storage
import Testing

@testable import LakeEngine

/// Migrations between a filesystem tier and an S3 tier on the real SeaweedFS server.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct S3MigrationTests {
    let temporary: TemporaryLake

    init() throws {
        temporary = try TemporaryLake()
    }

    /// The lake with an S3 tier `cloud` in the test bucket under a fresh prefix.
    private func lakeWithBucketTier() throws -> Lake {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["MEDLAKE_TEST_S3_ENDPOINT"], let bucket = environment["MEDLAKE_TEST_S3_BUCKET"]
        else { throw LakeError.invalidArgument("MEDLAKE_TEST_S3_ENDPOINT and MEDLAKE_TEST_S3_BUCKET are not set") }
        return try temporary.appendingTOML("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "migration-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
            """)
    }

    @Test func hotToBucketAndBackIsByteForByte() async throws {
        let small = try temporary.ingestObjects("a", count: 4, size: 3000)
        let large = try temporary.ingestObjects("a", count: 1, size: 20 << 20, seed: 7)
        let lake = try lakeWithBucketTier()
        let hot = try lake.tier(named: "hot")
        var originals: [String: Data] = [:]
        for hash in small + large {
            let digest = try #require(ObjectDigest(hex: hash))
            originals[hash] = try Data(contentsOf: URL(fileURLWithPath: hot.path(of: digest)))
        }
        let cloud = try lake.s3Tier(named: "cloud")

        _ = try lake.queueMigration("a", to: "cloud")
        let out = try await MigrationWorker(lake: lake).runNextJob()
        #expect(out?.state == .done)
        #expect(out?.objectsDone == 5)
        #expect(Set(try temporary.placements().values) == ["cloud"])
        for hash in small + large {
            let digest = try #require(ObjectDigest(hex: hash))
            #expect(!hot.contains(digest), "source removed after the switch")
            #expect(try await cloud.verify(digest), "in the bucket under its digest")
        }

        _ = try lake.queueMigration("a", to: "hot")
        let back = try await MigrationWorker(lake: lake).runNextJob()
        #expect(back?.state == .done)
        #expect(Set(try temporary.placements().values) == ["hot"])
        for hash in small + large {
            let digest = try #require(ObjectDigest(hex: hash))
            #expect(try Data(contentsOf: URL(fileURLWithPath: hot.path(of: digest))) == originals[hash])
            #expect(try await !cloud.contains(digest), "bucket copy deleted last")
        }
        #expect(try await cloud.client.listMultipartUploads().isEmpty)
        #expect(try lake.verifyAudit().isIntact)
    }

    @Test func anObjectDamagedInTheBucketIsNotRestored() async throws {
        let hashes = try temporary.ingestObjects("b", count: 2, size: 5000)
        let lake = try lakeWithBucketTier()
        _ = try lake.queueMigration("b", to: "cloud")
        #expect(try await MigrationWorker(lake: lake).runNextJob()?.state == .done)
        let cloud = try lake.s3Tier(named: "cloud")
        let damaged = try #require(ObjectDigest(hex: hashes[0]))
        try await cloud.client.putObject(key: cloud.key(of: damaged), bytes: [UInt8](repeating: 0x41, count: 5000))

        _ = try lake.queueMigration("b", to: "hot")
        let back = try await MigrationWorker(lake: lake).runNextJob()
        #expect(back?.objectsFailed == 1)
        #expect(try temporary.placements()[hashes[0]] == "cloud", "placement stays where the bytes were")
        #expect(try temporary.placements()[hashes[1]] == "hot")
        #expect(try !lake.tier(named: "hot").contains(damaged))
    }

    @Test func cancelledMigrationIntoTheBucketLeavesEachObjectInOneVerifiedPlace() async throws {
        let hashes = try temporary.ingestObjects("c", count: 24, size: 40_000)
        let lake = try lakeWithBucketTier()
        let job = try lake.queueMigration("c", to: "cloud")
        // One object at a time in batches of five; the cancel lands at the gate before object 8, when five
        // objects are switched to the bucket and three are staged there, verified, not yet switched.
        let gate = ObjectGate(at: 8)
        defer { gate.open() }
        var worker = try MigrationWorker(
            lake: lake, leaseDuration: 60, parallelObjects: 1,
            batchLimits: MigrationBatchLimits(objects: 5, delay: 600))
        worker.beforeObject = gate.hook
        let running = Task { [worker] in try await worker.runNextJob() }
        #expect(await gate.waitUntilReached())
        try lake.cancelMigration(id: job.id)
        gate.open()
        let cancelled = try await lake.waitForMigrationJob(job.id) { $0.state == .cancelled }
        _ = try await running.value
        #expect(cancelled.state == .cancelled)
        #expect(cancelled.objectsDone == 8, "cancelled mid-way, keeping the verified copies")

        let cloud = try lake.s3Tier(named: "cloud")
        let hot = try lake.tier(named: "hot")
        var inBucket: Set<String> = []
        for try await digest in cloud.list() { inBucket.insert(digest.hex) }
        let placements = try temporary.placements()
        #expect(inBucket == Set(placements.filter { $0.value == "cloud" }.keys), "no key that no placement names")
        #expect(Set(placements.values) == ["hot", "cloud"])
        for hash in hashes {
            let digest = try #require(ObjectDigest(hex: hash))
            if placements[hash] == "cloud" {
                #expect(try await cloud.verify(digest), "moved objects verified in the bucket")
                #expect(!hot.contains(digest), "and gone from the source")
            } else {
                #expect(try ContentHasher.digest(ofFileAt: hot.path(of: digest)).digest == digest, "the rest stay at the source")
            }
        }
        #expect(try await cloud.client.listMultipartUploads().isEmpty)
    }
}
