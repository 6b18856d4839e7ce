import Foundation
import Storage

/// Where a tier is, as a worker on another host needs it: a folder it mounts at the same path, or a
/// bucket it reaches itself. Carries no credential: a bucket names the environment variables the worker
/// reads its own keys from (`access_key_env`, `secret_key_env` in `lake.toml`).
public struct TierLocation: Codable, Sendable, Hashable {
    public var name: String
    /// The folder's absolute path, for a folder tier.
    public var path: String?
    /// The bucket, for an S3 tier.
    public var s3: Bucket?
    /// The tier's bandwidth limit for migrations, in MB/s.
    public var bandwidthLimitMBps: Double?

    /// A bucket and the names of the variables holding its keys on the worker's host.
    public struct Bucket: Codable, Sendable, Hashable {
        /// `http(s)://HOST[:PORT]`.
        public var endpoint: String
        public var bucket: String
        public var region: String
        public var prefix: String
        public var storageClass: String?
        public var pathStyle: Bool
        public var accessKeyVariable: String
        public var secretKeyVariable: String
    }

    /// The location of tier `name` of `lake`.
    init(name: String, of lake: Lake) throws {
        guard let tier = lake.configuration.tiers[name] else { throw LakeError.notFound(kind: "tier", id: name) }
        self.name = name
        bandwidthLimitMBps = tier.bandwidthLimitMBps
        if let settings = tier.s3 {
            let location = settings.location
            let host = location.host.contains(":") ? "[\(location.host)]" : location.host
            s3 = Bucket(
                endpoint: "\(location.scheme)://\(host)" + (location.port.map { ":\($0)" } ?? ""),
                bucket: location.bucket, region: location.region, prefix: location.prefix,
                storageClass: location.storageClass, pathStyle: location.pathStyle,
                accessKeyVariable: settings.accessKeyVariable, secretKeyVariable: settings.secretKeyVariable)
        } else {
            path = try lake.tier(named: name).root
        }
    }

    /// The tier's backend on this host: the folder at ``path``, or the bucket with the keys in
    /// `environment`.
    /// - Throws: ``S3Error`` when the keys are not in `environment`; ``LakeError/invalidArgument(_:)`` for
    ///   a location that names neither a folder nor a valid bucket.
    public func backend(environment: [String: String]) throws -> any TierBackend {
        if let s3 {
            let credentials = try S3Credentials.fromEnvironment(
                environment, accessKeyVariable: s3.accessKeyVariable, secretKeyVariable: s3.secretKeyVariable)
            let location: S3Location
            do {
                location = try S3Location(
                    endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, prefix: s3.prefix,
                    storageClass: s3.storageClass, pathStyle: s3.pathStyle)
            } catch let error as S3LocationError {
                throw LakeError.invalidArgument("Tier '\(name)': \(error.field): \(error.message).")
            }
            return S3Tier(name: name, client: S3Client(location: location, credentials: credentials))
        }
        guard let path, path.hasPrefix("/") else {
            throw LakeError.invalidArgument("Tier '\(name)' names neither a folder nor a bucket.")
        }
        return FileSystemTier(name: name, root: path)
    }
}
