import Foundation
import Testing

/// `medlake tier check` run as a process against SeaweedFS on 127.0.0.1.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct TierCheckCLITests {
    private let environment = ProcessInfo.processInfo.environment

    private func lake(bucket: String) throws -> String {
        let root = NSTemporaryDirectory() + "lake-" + UUID().uuidString
        let created = try MedLakeProcess.run(["init", root])
        #expect(created.status == 0, "\(created.stderr)")
        let endpoint = try #require(environment["MEDLAKE_TEST_S3_ENDPOINT"], "MEDLAKE_TEST_S3_ENDPOINT is not set")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/lake.toml"))
        handle.seekToEndOfFile()
        handle.write(Data("""

            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "cli-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"

            """.utf8))
        try handle.close()
        return root
    }

    @Test func checkPassesEveryStepAndNeverPrintsTheSecret() throws {
        let bucket = try #require(environment["MEDLAKE_TEST_S3_BUCKET"], "MEDLAKE_TEST_S3_BUCKET is not set")
        let result = try MedLakeProcess.run(["tier", "check", "cloud", "--lake", try lake(bucket: bucket)])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.split(separator: ":").first.map(String.init) ?? "" } == [
            "ok   endpoint", "ok   credentials", "ok   bucket", "ok   write", "ok   read", "ok   delete",
        ])
        let secret = try #require(environment["MEDLAKE_TEST_S3_SECRET_KEY"])
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
    }

    @Test func missingBucketFailsWithStatus1() throws {
        let result = try MedLakeProcess.run(["tier", "check", "cloud", "--lake", try lake(bucket: "medlake-absent")])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL bucket"))
    }
}
