import Foundation

/// Why a dataset is deprecated and what supersedes it.
public struct DeprecationSummary: Codable, Hashable, Sendable {
    public var dataset: String
    /// `NAME@N`, the version to use instead.
    public var successor: String
    public var reason: String
    public var deprecatedBy: String
    public var deprecatedAt: Date
}
