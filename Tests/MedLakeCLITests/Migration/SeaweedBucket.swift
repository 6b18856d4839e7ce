import Foundation
import Storage
import Testing

/// The SeaweedFS bucket of the CI services (`MEDLAKE_TEST_S3_*`, from `.ci/services.sh`): the `[tiers.NAME]`
/// sections of tiers under prefixes of it, the environment holding its keys for the processes that copy,
/// and the tiers as a test reads them to check end states.
struct SeaweedBucket {
    let endpoint: String
    let bucket: String
    let environment: [String: String]

    init() throws {
        let variables = ProcessInfo.processInfo.environment
        endpoint = try #require(variables["MEDLAKE_TEST_S3_ENDPOINT"])
        bucket = try #require(variables["MEDLAKE_TEST_S3_BUCKET"])
        environment = [
            "MEDLAKE_TEST_S3_ACCESS_KEY": try #require(variables["MEDLAKE_TEST_S3_ACCESS_KEY"]),
            "MEDLAKE_TEST_S3_SECRET_KEY": try #require(variables["MEDLAKE_TEST_S3_SECRET_KEY"]),
        ]
    }

    /// The `[tiers.NAME]` section of a tier under `prefix` of the bucket.
    func tier(_ name: String, prefix: String) -> String {
        """

        [tiers.\(name)]
        kind = "s3"
        endpoint = "\(endpoint)"
        bucket = "\(bucket)"
        prefix = "\(prefix)"
        access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
        secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"

        """
    }

    /// The tier under `prefix`, as a test reads it to check an end state.
    func backend(_ name: String, prefix: String) throws -> S3Tier {
        let credentials = try S3Credentials.fromEnvironment(
            environment, accessKeyVariable: "MEDLAKE_TEST_S3_ACCESS_KEY", secretKeyVariable: "MEDLAKE_TEST_S3_SECRET_KEY")
        let location = try S3Location(endpoint: endpoint, bucket: bucket, region: "us-east-1", prefix: prefix)
        return S3Tier(name: name, client: S3Client(location: location, credentials: credentials))
    }
}
