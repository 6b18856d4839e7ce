import Catalog
import Foundation

/// A dataset with its content counts, as listings show it.
public struct DatasetOverview: Codable, Sendable, Hashable {
    public var name: String
    /// The ingest zone, where its catalogued contents live.
    public var zone: String
    /// The ingest zone and the zone of every published version.
    public var zones: [String]
    public var modalities: [String]
    public var assays: [String]
    /// The sensitivity label (one of the lake's `governance.labels`).
    public var sensitivity: String
    /// Uses the data was consented for.
    public var consentScope: [String]
    public var owner: String
    public var status: DatasetStatus
    public var createdAt: Date
    public var studyCount: Int
    public var seriesCount: Int
    public var instanceCount: Int
    public var sampleCount: Int
    public var fileCount: Int
    public var byteCount: Int64
    public var openFlagCount: Int
    /// The latest published version's quality score, when it has one.
    public var qualityScore: Double?
    /// Whether a legal hold protects it from deletion.
    public var held: Bool
    /// The dataset that replaces it, when it is deprecated.
    public var successor: String?
}

// MARK: - From the catalog

extension DatasetOverview {
    init(_ summary: DatasetSummary, qualityScore: Double?, held: Bool, successor: String?) {
        let dataset = summary.dataset
        self.init(
            name: dataset.name, zone: dataset.zone, zones: summary.zones,
            modalities: Self.list(dataset.modalities), assays: Self.list(dataset.assays),
            sensitivity: dataset.sensitivity, consentScope: Self.list(dataset.consentScope), owner: dataset.owner,
            status: dataset.status, createdAt: dataset.createdAt,
            studyCount: summary.studyCount, seriesCount: summary.seriesCount, instanceCount: summary.instanceCount,
            sampleCount: summary.sampleCount, fileCount: summary.fileCount, byteCount: summary.byteCount,
            openFlagCount: summary.openFlagCount, qualityScore: qualityScore, held: held, successor: successor)
    }

    /// The items of a comma-separated catalog column.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
