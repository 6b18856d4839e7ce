/// A dataset to deprecate in favour of a published version of another (``RetentionOperations/deprecate(_:)``).
public struct NewDeprecation: Codable, Sendable, Hashable {
    public var dataset: String
    /// `NAME@VERSION`: the published version to use instead.
    public var successor: String
    /// Why (audited; required).
    public var reason: String

    public init(dataset: String, successor: String, reason: String) {
        self.dataset = dataset
        self.successor = successor
        self.reason = reason
    }
}
