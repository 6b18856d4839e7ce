import Foundation

/// A legal hold, for listings.
public struct LegalHoldSummary: Codable, Hashable, Sendable {
    public var id: Int64
    public var dataset: String
    /// The version held; nil when the hold covers the whole dataset.
    public var version: Int?
    public var reason: String
    public var createdBy: String
    public var createdAt: Date
    public var releasedBy: String?
    public var releasedAt: Date?
    public var releaseReason: String?
    /// Objects the hold covers now.
    public var objects: Int

    /// `DATASET` or `DATASET@N`.
    public var target: String { version.map { "\(dataset)@\($0)" } ?? dataset }
    public var isActive: Bool { releasedAt == nil }
}
