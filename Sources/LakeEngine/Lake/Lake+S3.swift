import Foundation
import Storage

extension Lake {
    /// The S3 backend of tier `name`, with credentials loaded from the tier's credentials file or
    /// `environment` (the process environment by default).
    ///
    /// - Throws: ``LakeError/notFound(kind:id:)`` for an unknown tier, ``LakeError/invalidArgument(_:)``
    ///   for a filesystem tier, ``S3Error`` when the credentials cannot be found.
    public func s3Tier(
        named name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> S3Tier {
        guard let tier = configuration.tiers[name] else { throw LakeError.notFound(kind: "tier", id: name) }
        guard let settings = tier.s3 else { throw LakeError.invalidArgument("Tier '\(name)' is a filesystem tier, not S3.") }
        let credentials = try settings.credentials(lakeRoot: root, environment: environment)
        return S3Tier(name: name, client: S3Client(location: settings.location, credentials: credentials))
    }

    /// The backend of tier `name`, a folder or a bucket, for migrations and reads.
    public func backend(
        named name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> any TierBackend {
        guard let tier = configuration.tiers[name] else { throw LakeError.notFound(kind: "tier", id: name) }
        return tier.s3 == nil ? try self.tier(named: name) : try s3Tier(named: name, environment: environment)
    }

    /// Runs ``S3Tier/probe()`` on tier `name` (operators and admins: it writes and deletes a probe object).
    public func checkS3Tier(
        named name: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [S3ProbeStep] {
        try authorize(.migrate)
        let tier = try s3Tier(named: name, environment: environment)
        return await tier.probe()
    }
}
