/// What ``RetentionOperations/holds(_:)`` lists: legal holds, newest first.
public struct HoldQuery: Codable, Sendable, Hashable {
    /// Only holds of this dataset.
    public var dataset: String?
    /// Released holds too.
    public var includeReleased: Bool
    public var page: PageRequest

    public init(dataset: String? = nil, includeReleased: Bool = false, page: PageRequest = .first) {
        self.dataset = dataset
        self.includeReleased = includeReleased
        self.page = page
    }
}

/// A legal hold to put (``RetentionOperations/placeHold(_:)``) on `DATASET` or `DATASET@N`.
public struct NewHold: Codable, Sendable, Hashable {
    public var target: String
    /// Why (audited).
    public var reason: String

    public init(target: String, reason: String) {
        self.target = target
        self.reason = reason
    }
}

/// Why a legal hold is released (the body of ``RetentionOperations/releaseHold(id:reason:)``).
public struct HoldRelease: Codable, Sendable, Hashable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
