import Catalog
import Foundation

/// One version of a dataset, for listings.
public struct VersionSummary: Codable, Hashable, Sendable {
    public var dataset: String
    public var number: Int
    /// `draft` or `published`.
    public var state: VersionState
    /// The zone of a published version; the dataset's zone for the draft.
    public var zone: String
    /// The version's id once published.
    public var manifestHash: String?
    public var parent: String?
    public var createdBy: String
    public var createdAt: Date
    public var entryCount: Int
    /// The score over the flags on the members now (``QualityScoreFormula``).
    public var qualityScore: Double
    /// The score recorded in the manifest when published (nil for the draft and older manifests).
    public var publishedScore: Double?

    /// `DATASET@N`, the form commands accept.
    public var reference: String { "\(dataset)@\(number)" }
}
