import Catalog
import Foundation

/// One version of a dataset, as the API shows it.
public struct VersionOverview: Codable, Sendable, Hashable {
    public var dataset: String
    public var number: Int
    /// `DATASET@N`, the form commands accept.
    public var reference: String
    public var state: VersionState
    /// The zone of a published version; the dataset's zone for the draft.
    public var zone: String
    /// The version's id once published.
    public var manifestHash: String?
    public var parent: String?
    public var createdBy: String
    public var createdAt: Date
    public var entryCount: Int
    /// The score over the flags on the members now.
    public var qualityScore: Double
    /// The score recorded in the manifest when published.
    public var publishedScore: Double?
}

/// What ``GovernanceOperations/versions(_:)`` lists.
public struct VersionQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var page: PageRequest

    public init(dataset: String, page: PageRequest = .first) {
        self.dataset = dataset
        self.page = page
    }
}

/// Which dataset's members to publish as a version (the body of ``GovernanceOperations/publishVersion(of:)``).
public struct VersionPublication: Codable, Sendable, Hashable {
    public var dataset: String

    public init(dataset: String) {
        self.dataset = dataset
    }
}

// MARK: - From the engine

extension VersionOverview {
    init(_ version: VersionSummary) {
        self.init(
            dataset: version.dataset, number: version.number, reference: version.reference,
            state: version.state, zone: version.zone,
            manifestHash: version.manifestHash, parent: version.parent, createdBy: version.createdBy,
            createdAt: version.createdAt, entryCount: version.entryCount, qualityScore: version.qualityScore,
            publishedScore: version.publishedScore)
    }
}
