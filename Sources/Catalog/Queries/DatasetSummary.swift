import GRDB

/// A dataset with its content counts, for listings.
public struct DatasetSummary: Codable, Hashable, Sendable, FetchableRecord {
    public var dataset: Dataset
    public var studyCount: Int
    public var seriesCount: Int
    public var instanceCount: Int
    public var sampleCount: Int
    public var fileCount: Int
    public var byteCount: Int64
    public var openFlagCount: Int
    /// The zones the dataset is in: its ingest zone (`dataset.zone`, where its catalogued contents live)
    /// and the zone of every published version (a curated or training version lives in its own zone).
    public var zones: [String]

    public init(row: Row) throws {
        dataset = try Dataset(row: row)
        studyCount = row["studyCount"] ?? 0
        seriesCount = row["seriesCount"] ?? 0
        instanceCount = row["instanceCount"] ?? 0
        sampleCount = row["sampleCount"] ?? 0
        fileCount = row["fileCount"] ?? 0
        byteCount = row["byteCount"] ?? 0
        openFlagCount = row["openFlagCount"] ?? 0
        let versionZones = (row["versionZones"] as String?)?.split(separator: ",").map(String.init) ?? []
        zones = [dataset.zone] + Set(versionZones).subtracting([dataset.zone]).sorted()
    }

    /// Datasets in name order (or the one named `name`), optionally only those holding `modality` (imaging) or `assay` (genomics)
    /// and only those in `zone` (their ingest zone or the zone of one of their published versions). Counts come from indexes and `series.instanceCount`, never a scan of
    /// instances.
    static func fetchAll(
        _ db: Database, name: String? = nil, modality: String? = nil, assay: String? = nil, zone: String? = nil
    ) throws -> [DatasetSummary] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let name {
            conditions.append("d.name = ?")
            _ = arguments.append(contentsOf: [name])
        }
        if let modality {
            conditions.append("EXISTS (SELECT 1 FROM series s WHERE s.datasetId = d.id AND s.modality = ?)")
            _ = arguments.append(contentsOf: [modality])
        }
        if let assay {
            conditions.append("EXISTS (SELECT 1 FROM sample p WHERE p.datasetId = d.id AND p.assay = ?)")
            _ = arguments.append(contentsOf: [assay])
        }
        if let zone {
            conditions.append("""
                (d.zone = ? OR EXISTS (SELECT 1 FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
                  WHERE v.datasetId = d.id AND m.zone = ?))
                """)
            _ = arguments.append(contentsOf: [zone, zone])
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT d.*,
              (SELECT COUNT(*) FROM study WHERE datasetId = d.id) AS studyCount,
              (SELECT COUNT(*) FROM series WHERE datasetId = d.id) AS seriesCount,
              (SELECT IFNULL(SUM(instanceCount), 0) FROM series WHERE datasetId = d.id) AS instanceCount,
              (SELECT COUNT(*) FROM sample WHERE datasetId = d.id) AS sampleCount,
              (SELECT COUNT(*) FROM datasetFile WHERE datasetId = d.id) AS fileCount,
              (SELECT IFNULL(SUM(o.size), 0) FROM datasetFile f JOIN object o ON o.id = f.objectId
                 WHERE f.datasetId = d.id) AS byteCount,
              (SELECT COUNT(*) FROM qualityFlag WHERE datasetId = d.id AND state = 'open') AS openFlagCount,
              (SELECT GROUP_CONCAT(DISTINCT m.zone) FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
                 WHERE v.datasetId = d.id) AS versionZones
            FROM dataset d \(whereClause)
            ORDER BY d.name
            """
        return try DatasetSummary.fetchAll(db, sql: sql, arguments: arguments)
    }
}

extension CatalogTransaction {
    /// The datasets' summaries in name order (see ``DatasetSummary/fetchAll(_:name:modality:assay:zone:)``).
    public func datasetSummaries(
        name: String? = nil, modality: String? = nil, assay: String? = nil, zone: String? = nil
    ) throws -> [DatasetSummary] {
        try DatasetSummary.fetchAll(db, name: name, modality: modality, assay: assay, zone: zone)
    }
}
