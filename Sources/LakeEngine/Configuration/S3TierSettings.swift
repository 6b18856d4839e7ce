import Storage

/// The `lake.toml` settings of a tier kept in an S3 bucket (`kind = "s3"`).
///
/// ```toml
/// [tiers.cloud]
/// kind = "s3"
/// endpoint = "https://s3.eu-west-1.amazonaws.com"
/// bucket = "hospital-lake"
/// region = "eu-west-1"
/// prefix = "lake/"                   # optional
/// storage_class = "STANDARD_IA"      # optional
/// path_style = false                 # optional, default true (S3-compatible servers on one host)
/// credentials_file = "/etc/medlake/s3.credentials"   # optional: AWS-style file, else the environment
/// credentials_profile = "default"    # optional
/// access_key_env = "AWS_ACCESS_KEY_ID"          # optional: variable names for the environment
/// secret_key_env = "AWS_SECRET_ACCESS_KEY"
/// ```
///
/// Credentials are never in `lake.toml` (a key or secret there is an error) and never in the catalog:
/// only where to find them is.
public struct S3TierSettings: Sendable, Hashable {
    public var location: S3Location
    /// AWS-style credentials file; relative paths are relative to the lake folder. Nil: the environment.
    public var credentialsFile: String?
    public var credentialsProfile: String
    public var accessKeyVariable: String
    public var secretKeyVariable: String

    static let keys: Set<String> = [
        "kind", "endpoint", "bucket", "region", "prefix", "storage_class", "path_style", "credentials_file",
        "credentials_profile", "access_key_env", "secret_key_env", "bandwidth_limit_mbps", "restore_required",
        "cost_per_gb_month",
    ]

    init(_ tier: TOMLFields) throws {
        for secretKey in ["access_key", "secret_key", "access_key_id", "secret_access_key", "aws_access_key_id",
            "aws_secret_access_key", "password"] where tier.keys.contains(secretKey)
        {
            throw tier.error(
                secretKey, "credentials do not belong in lake.toml: use credentials_file or the environment")
        }
        try tier.rejectUnknownKeys(Self.keys)
        guard let endpoint = try tier.string("endpoint") else { throw tier.error("endpoint", "an S3 tier needs an endpoint") }
        guard let bucket = try tier.string("bucket") else { throw tier.error("bucket", "an S3 tier needs a bucket") }
        let region = try tier.string("region", default: "us-east-1")
        var prefix = try tier.string("prefix", default: "")
        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        do {
            location = try S3Location(
                endpoint: endpoint, bucket: bucket, region: region, prefix: prefix,
                storageClass: try tier.string("storage_class"), pathStyle: try tier.bool("path_style", default: true))
        } catch let error as S3LocationError {
            throw tier.error(error.field, error.message)
        }
        credentialsFile = try tier.string("credentials_file")
        credentialsProfile = try tier.string("credentials_profile", default: "default")
        accessKeyVariable = try tier.string("access_key_env", default: "AWS_ACCESS_KEY_ID")
        secretKeyVariable = try tier.string("secret_key_env", default: "AWS_SECRET_ACCESS_KEY")
    }

    /// Loads the credentials from the file, else from `environment`.
    ///
    /// - Throws: ``S3Error`` `.credentialsMissing` naming the file or the variables, never a value.
    public func credentials(lakeRoot: String, environment: [String: String]) throws -> S3Credentials {
        if let file = credentialsFile {
            return try S3Credentials.fromFile(
                file.hasPrefix("/") ? file : lakeRoot + "/" + file, profile: credentialsProfile)
        }
        return try S3Credentials.fromEnvironment(
            environment, accessKeyVariable: accessKeyVariable, secretKeyVariable: secretKeyVariable)
    }
}
