import Foundation

extension Lake {
    /// Checks S3 tier `name` with the credentials this process holds (operators and admins: the check
    /// writes, reads back and deletes a probe object in the lake's bucket).
    ///
    /// Through the service this runs as the service account, with the lake's own credentials: the
    /// caller learns whether the tier works, never the credentials (details carry none).
    /// - Throws: ``LakeError/notPermitted(user:permission:)`` without the migrate permission;
    ///   ``LakeError/notFound(kind:id:)`` for an unknown tier; ``LakeError/invalidArgument(_:)`` for a
    ///   folder tier.
    public func checkTier(named name: String) async throws -> TierCheck {
        TierCheck(tier: name, steps: try await checkS3Tier(named: name))
    }
}
