import LakeEngine

/// Deletions by retention policy through the service, under `/v1/retention` (the service's
/// `LakeServer+RetentionRoutes.swift` lists the same routes).
extension LakeClient {
    public func retentionPlan() async throws -> RetentionPlan { try await get("retention/plan") }

    public func retentionStatus(of dataset: String) async throws -> RetentionStatus {
        try await get("retention/status", [("dataset", dataset)])
    }

    public func overrideRetention(_ request: NewRetentionOverride) async throws -> RetentionStanding {
        try await post("retention/overrides", request)
    }

    public func retentionRequests(_ query: RetentionRequestQuery) async throws -> Page<RetentionRequestSummary> {
        try await get("retention/requests", query.parameters)
    }

    public func retentionRequest(id: Int64) async throws -> RetentionRequestSummary {
        try await get("retention/requests/\(id)")
    }

    public func requestRetentionDeletion(reason: String) async throws -> RetentionRequestSummary {
        try await post("retention/requests", RetentionDeletionRequest(reason: reason))
    }

    public func approveRetentionDeletion(id: Int64, comment: String) async throws -> RetentionRequestSummary {
        try await post("retention/requests/\(id)/approve", PromotionComment(comment: comment))
    }

    public func rejectRetentionDeletion(id: Int64, comment: String) async throws -> RetentionRequestSummary {
        try await post("retention/requests/\(id)/reject", PromotionComment(comment: comment))
    }

    public func executeRetention(id: Int64) async throws -> RetentionRequestSummary {
        try await post("retention/requests/\(id)/execute", [String: String]())
    }
}
