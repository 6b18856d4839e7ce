import Foundation
import Storage
import Testing

/// The SeaweedFS server `.ci/services.sh` starts, as the `MEDLAKE_TEST_S3_*` variables describe it.
///
/// Outside CI, tests that need it are skipped when the variables are unset; with `CI=true` they run and
/// fail, so a CI run without the server can never pass silently.
enum S3TestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// True when the server's variables are set.
    static var isConfigured: Bool { environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil }

    /// Whether tests needing the server run: always in CI, else when it is configured.
    static var shouldRun: Bool { isConfigured || environment["CI"] == "true" }

    /// Why tests are skipped.
    static let skipReason: Comment =
        "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env to run the S3 tests"

    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String { "\(variable) is not set: the S3 test server is not running (see .ci/services.sh)" }
    }


    private static func variable(_ suffix: String) throws -> String {
        guard let value = environment["MEDLAKE_TEST_S3_" + suffix], !value.isEmpty else {
            throw Missing(variable: "MEDLAKE_TEST_S3_" + suffix)
        }
        return value
    }

    /// The writer's credentials.
    static func credentials() throws -> S3Credentials {
        S3Credentials(accessKeyId: try variable("ACCESS_KEY"), secretAccessKey: try variable("SECRET_KEY"))
    }

    /// Credentials of the identity allowed only to read and list.
    static func readerCredentials() throws -> S3Credentials {
        S3Credentials(accessKeyId: try variable("READER_ACCESS_KEY"), secretAccessKey: try variable("READER_SECRET_KEY"))
    }

    static var endpoint: String { get throws { try variable("ENDPOINT") } }
    static var bucket: String { get throws { try variable("BUCKET") } }

    /// A location in the test bucket under a fresh prefix, so tests never see each other's objects.
    static func location(bucket: String? = nil, prefix: String = "test-" + UUID().uuidString.lowercased() + "/")
        throws -> S3Location
    {
        try S3Location(
            endpoint: try endpoint, bucket: try bucket ?? self.bucket, region: try variable("REGION"), prefix: prefix)
    }

    /// A client for the test bucket with a fresh prefix; retries kept short so failures surface fast.
    static func client(
        credentials: S3Credentials? = nil, bucket: String? = nil, retry: S3RetryPolicy = S3RetryPolicy(
            maxAttempts: 2, initialDelay: .milliseconds(50), requestTimeout: .seconds(30))
    ) throws -> S3Client {
        S3Client(location: try location(bucket: bucket), credentials: try credentials ?? self.credentials(), retry: retry)
    }
}
