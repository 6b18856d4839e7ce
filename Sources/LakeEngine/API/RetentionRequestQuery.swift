import Catalog

/// What ``RetentionOperations/retentionRequests(_:)`` lists: deletion requests, newest first.
public struct RetentionRequestQuery: Codable, Sendable, Hashable {
    /// Only requests in this state.
    public var state: RetentionRequest.State?
    public var page: PageRequest

    public init(state: RetentionRequest.State? = nil, page: PageRequest = .first) {
        self.state = state
        self.page = page
    }
}

/// Why a deletion is requested (the body of ``RetentionOperations/requestRetentionDeletion(reason:)``).
public struct RetentionDeletionRequest: Codable, Sendable, Hashable {
    /// Audited; required.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// A keep period for one dataset instead of the `lake.toml` policy
/// (``RetentionOperations/overrideRetention(_:)``).
public struct NewRetentionOverride: Codable, Sendable, Hashable {
    public var dataset: String
    /// Days its objects must be kept at least; nil: no minimum.
    public var minDays: Double?
    /// Days after which its objects must be deleted; nil: no maximum.
    public var maxDays: Double?
    /// Why (audited; required).
    public var reason: String

    public init(dataset: String, minDays: Double?, maxDays: Double?, reason: String) {
        self.dataset = dataset
        self.minDays = minDays
        self.maxDays = maxDays
        self.reason = reason
    }
}

// MARK: - Query parameters

extension RetentionRequestQuery: QueryParameters {
    public var parameters: [(String, String)] { present([("state", state?.rawValue)]) + page.parameters }

    public init(parameters: [String: String]) throws {
        self.init(state: try parameters.value("state"), page: try parameters.page)
    }
}
