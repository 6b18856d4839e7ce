import Foundation

/// The in-process side of ``RetentionOperations``' deletions: each call runs the engine's method, which
/// authorizes and audits, at the current time.
extension Lake {
    public func retentionPlan() throws -> RetentionPlan {
        try retentionPlan(now: Date())
    }

    public func retentionStatus(of dataset: String) throws -> RetentionStatus {
        RetentionStatus(
            retention: try retentionStanding(of: dataset), holds: try holds(dataset: dataset),
            deprecation: try deprecation(of: dataset), qualityScore: try latestQualityScores()[dataset])
    }

    public func overrideRetention(_ request: NewRetentionOverride) throws -> RetentionStanding {
        try setRetentionOverride(
            dataset: request.dataset, minDays: request.minDays, maxDays: request.maxDays, reason: request.reason)
    }

    public func retentionRequests(_ query: RetentionRequestQuery) throws -> Page<RetentionRequestSummary> {
        Page(slicing: try retentionRequests(state: query.state), query.page)
    }

    @discardableResult
    public func requestRetentionDeletion(reason: String) throws -> RetentionRequestSummary {
        try requestRetentionDeletion(reason: reason, now: Date())
    }
}
