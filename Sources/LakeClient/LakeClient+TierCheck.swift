import AsyncHTTPClient
import LakeEngine

/// `medlake tier check` through the service: the service probes the tier with the lake's credentials.
extension LakeClient {
    public func checkTier(named name: String) async throws -> TierCheck {
        var request = HTTPClientRequest(url: try url("tiers/\(Self.escapedSegment(name))/check", []))
        request.method = .POST
        return try await send(request)
    }
}
