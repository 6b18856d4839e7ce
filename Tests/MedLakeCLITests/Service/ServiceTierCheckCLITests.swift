import Foundation
import Testing

/// `medlake tier check` on a served lake: the service probes the bucket with the lake's credentials
/// (which the caller does not hold), and only an operator or admin may ask, from the CLI or the socket.
@Suite(
    .serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"),
    .enabled(
        if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil,
        "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct ServiceTierCheckCLITests {
    private struct StepJSON: Decodable {
        var name: String
        var passed: Bool
        var detail: String
    }

    /// The client's environment: no S3 keys at all, so only the service's credentials can pass a check.
    private let withoutKeys = ["MEDLAKE_TEST_S3_ACCESS_KEY": "", "MEDLAKE_TEST_S3_SECRET_KEY": ""]

    /// A served lake with an S3 tier `cloud` (the service holds its keys) and `oscar`, an operator.
    private func servedLakeWithS3Tier() throws -> ServedLake {
        let served = try ServedLake(people: ["oscar"])
        let environment = ProcessInfo.processInfo.environment
        let endpoint = try #require(environment["MEDLAKE_TEST_S3_ENDPOINT"])
        let bucket = try #require(environment["MEDLAKE_TEST_S3_BUCKET"])
        served.stop()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: served.lake + "/lake.toml"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("""

            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "served-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"

            """.utf8))
        try handle.close()
        try served.start()
        let granted = try served.medlake(["roles", "grant", served.extra[0], "operator"], as: "root")
        try #require(granted.status == 0, "\(granted.stderr)")
        return served
    }

    @Test func anOperatorChecksATierWithTheServicesCredentials() throws {
        let served = try servedLakeWithS3Tier()
        let result = try served.medlake(["tier", "check", "cloud", "--json"], as: served.extra[0], environment: withoutKeys)
        #expect(result.status == 0, "\(result.stderr)")
        let steps = try JSONDecoder().decode([StepJSON].self, from: Data(result.stdout.utf8))
        #expect(steps.map(\.name) == ["endpoint", "credentials", "bucket", "write", "read", "delete"])
        #expect(steps.allSatisfy { $0.passed }, "\(steps.map { $0.detail })")
        let secret = try #require(ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_SECRET_KEY"])
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        let unknown = try served.medlake(["tier", "check", "nowhere"], as: served.extra[0])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nowhere"), "\(unknown.stderr)")
    }

    @Test func aCuratorOrAUserWithoutARoleMayNotProbeTheBucket() throws {
        let served = try servedLakeWithS3Tier()
        for user in [served.alice, served.carol] {
            let refused = try served.medlake(["tier", "check", "cloud", "--json"], as: user)
            #expect(refused.status == 1)
            let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8))
            #expect(failure.code == "permissionDenied", "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            let raw = try served.tool(
                "/usr/bin/curl",
                ["-s", "-i", "-X", "POST", "--unix-socket", served.socket, "http://lake/v1/tiers/cloud/check"], as: user)
            #expect(raw.stdout.hasPrefix("HTTP/1.1 403"), "\(raw.stdout)")
            let problem = try ProblemJSON(curlOutput: raw.stdout)
            #expect(problem.code == "notPermitted")
            #expect(problem.detail.contains("needs role operator or admin"), "\(problem.detail)")
        }
    }
}
