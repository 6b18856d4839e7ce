import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Staging from an S3 tier on the real SeaweedFS server.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct S3StageTests {
    @Test func stagesFromABucketWithRangedGetsAndVerifies() async throws {
        let temporary = try TemporaryLake()
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["MEDLAKE_TEST_S3_ENDPOINT"], let bucket = environment["MEDLAKE_TEST_S3_BUCKET"]
        else { throw LakeError.invalidArgument("MEDLAKE_TEST_S3_ENDPOINT and MEDLAKE_TEST_S3_BUCKET are not set") }
        // A 5 MiB object split into 1 MiB ranges, and small ones fetched whole.
        try temporary.ingestObjects("a", count: 3, size: 4000)
        try temporary.ingestObjects("a", count: 1, size: 5 << 20, seed: 3)
        let lake = try temporary.appendingTOML("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "stage-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
            """)
        let version = try lake.publishVersion(dataset: "a")
        let expected = try Dictionary(uniqueKeysWithValues: lake.manifest(version.reference).entries.map { entry in
            (entry.path, try Data(contentsOf: URL(fileURLWithPath: lake.readablePath(of: entry.sha256))))
        })
        _ = try lake.queueMigration("a", to: "cloud")
        #expect(try await MigrationWorker(lake: lake).runNextJob()?.state == .done)
        #expect(Set(try temporary.placements().values) == ["cloud"])

        let directory = NSTemporaryDirectory() + "stage-" + UUID().uuidString
        let report = try await lake.stage(
            version.reference, to: directory, options: StageOptions(connections: 4, partSize: 1 << 20))
        #expect(report.methods == [StageMethod.download.rawValue: 4])
        for (path, bytes) in expected {
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + path.trimmingPrefix("/"))) == bytes, "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/manifest.json"))
        let again = try await lake.stage(version.reference, to: directory)
        #expect(again.methods == [StageMethod.alreadyVerified.rawValue: 4])
    }

    /// Whole objects are fetched two at a time and hashed as they stream; an object changed in the bucket
    /// (same size, one bit flipped) fails the staging by its manifest path, and its partner and the other
    /// files never present the folder as complete.
    @Test func anObjectChangedInTheBucketFailsNamingIt() async throws {
        let temporary = try TemporaryLake()
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["MEDLAKE_TEST_S3_ENDPOINT"], let bucket = environment["MEDLAKE_TEST_S3_BUCKET"]
        else { throw LakeError.invalidArgument("MEDLAKE_TEST_S3_ENDPOINT and MEDLAKE_TEST_S3_BUCKET are not set") }
        try temporary.ingestObjects("a", count: 4, size: (1 << 20) + 100)
        let lake = try temporary.appendingTOML("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "stage-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
            """)
        let version = try lake.publishVersion(dataset: "a")
        let entry = try lake.manifest(version.reference).entries[2]
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: lake.readablePath(of: entry.sha256))))
        _ = try lake.queueMigration("a", to: "cloud")
        #expect(try await MigrationWorker(lake: lake).runNextJob()?.state == .done)
        bytes[(1 << 20) + 50] ^= 0x01
        let tier = try lake.s3Tier(named: "cloud")
        try await tier.client.putObject(key: tier.key(of: try ObjectDigest(hex: entry.sha256).orThrow()), bytes: bytes)

        let directory = NSTemporaryDirectory() + "stage-" + UUID().uuidString
        do {
            try await lake.stage(version.reference, to: directory, options: StageOptions(connections: 4))
            Issue.record("an object changed in the bucket must fail the staging")
        } catch let error as StageError {
            guard case .corruptSource(let object) = error else { throw error }
            #expect(object.path == entry.path && object.sha256 == entry.sha256)
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/manifest.json"), "not presented as complete")
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + entry.path.trimmingPrefix("/")))
        #expect(!FileManager.default.fileExists(atPath: directory + "/.medlake-partial"), "no partial copy left")
    }
}
