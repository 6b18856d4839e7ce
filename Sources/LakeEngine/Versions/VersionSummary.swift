import Foundation

/// One version of a dataset, for listings.
public struct VersionSummary: Codable, Hashable, Sendable {
    public var dataset: String
    public var number: Int
    /// `draft` or `published`.
    public var state: String
    /// The zone of a published version; the dataset's zone for the draft.
    public var zone: String
    /// The version's id once published.
    public var manifestHash: String?
    public var parent: String?
    public var createdBy: String
    public var createdAt: Date
    public var entryCount: Int

    /// `DATASET@N`, the form commands accept.
    public var reference: String { "\(dataset)@\(number)" }
}
