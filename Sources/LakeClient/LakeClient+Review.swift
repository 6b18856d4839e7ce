import LakeEngine

/// ``ReviewOperations`` over the socket: `GET /v1/instances`, `POST /v1/reviews`.
extension LakeClient {
    public func instances(_ query: InstanceQuery) async throws -> Page<InstanceOverview> {
        try await get("instances", query.parameters)
    }

    public func recordReview(_ review: NewReview) async throws -> ReviewReceipt {
        try await post("reviews", review)
    }
}
