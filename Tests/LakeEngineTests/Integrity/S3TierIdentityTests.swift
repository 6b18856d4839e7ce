import Foundation
import Storage
import Testing

@testable import LakeEngine

/// A bucket tier's identity is the object `.medlake-tier` at its prefix: written when the first job
/// adopts the empty prefix, and a prefix marked as another lake's is refused before anything moves.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct S3TierIdentityTests {
    /// `lake` with an S3 tier `cloud` at `prefix` of the test bucket.
    private func withBucketTier(_ lake: TemporaryLake, prefix: String) throws -> Lake {
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["MEDLAKE_TEST_S3_ENDPOINT"], let bucket = environment["MEDLAKE_TEST_S3_BUCKET"]
        else { throw LakeError.invalidArgument("MEDLAKE_TEST_S3_ENDPOINT and MEDLAKE_TEST_S3_BUCKET are not set") }
        return try lake.appendingTOML("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "\(prefix)"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
            """)
    }

    @Test func theFirstJobAdoptsAnEmptyPrefixAndAnotherLakeIsRefused() async throws {
        let prefix = "identity-\(UUID().uuidString.lowercased())"
        let first = try TemporaryLake()
        try first.ingestObjects("a", count: 2, size: 2000)
        let lake = try withBucketTier(first, prefix: prefix)
        _ = try lake.queueMigration("a", to: "cloud")
        #expect(try await MigrationWorker(lake: lake).runNextJob()?.state == .done)
        #expect(try await lake.s3Tier(named: "cloud").readIdentity() == .present(lake.expectedIdentity(of: "cloud")))

        let second = try TemporaryLake()
        let hashes = try second.ingestObjects("b", count: 2, size: 2000, seed: 3)
        let intruder = try withBucketTier(second, prefix: prefix)
        _ = try intruder.queueMigration("b", to: "cloud")
        let refused = try await MigrationWorker(lake: intruder).runNextJob()
        #expect(refused?.state == .failed)
        #expect(refused?.error?.contains("of lake \(lake.id)") == true, "\(refused?.error ?? "")")
        for hash in hashes { #expect(try second.tiersHolding(hash) == ["hot"]) }
    }
}
