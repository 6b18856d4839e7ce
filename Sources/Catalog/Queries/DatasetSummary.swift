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
}

// MARK: - Requests

extension CatalogTransaction {
    /// Datasets in name order (or the one named `name`), optionally only those holding `modality` (imaging)
    /// or `assay` (genomics) and only those in `zone` (their ingest zone or the zone of one of their
    /// published versions).
    ///
    /// Counts come from indexes and `series.instanceCount`, never a scan of instances. The filters are exact
    /// matches (`=`), so a `%` or `_` in a name is itself. `CAST(SUM(…) AS BIGINT)`: PostgreSQL sums integers
    /// as `numeric`, which the seam does not read.
    public func datasetSummaries(
        name: String? = nil, modality: String? = nil, assay: String? = nil, zone: String? = nil
    ) throws -> [DatasetSummary] {
        var conditions: [String] = []
        var arguments: CatalogArguments = []
        if let name {
            conditions.append("d.name = ?")
            arguments.append(name)
        }
        if let modality {
            conditions.append("EXISTS (SELECT 1 FROM series s WHERE s.datasetId = d.id AND s.modality = ?)")
            arguments.append(modality)
        }
        if let assay {
            conditions.append("EXISTS (SELECT 1 FROM sample p WHERE p.datasetId = d.id AND p.assay = ?)")
            arguments.append(assay)
        }
        if let zone {
            conditions.append("""
                (d.zone = ? OR EXISTS (SELECT 1 FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
                  WHERE v.datasetId = d.id AND m.zone = ?))
                """)
            arguments += [zone, zone]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let versionZones = connection.dialect.groupConcat("z", separator: ",", orderedBy: "z")
        return try connection.fetchAll(
            DatasetSummary.self,
            """
            SELECT d.*,
              (SELECT COUNT(*) FROM study WHERE datasetId = d.id) AS studyCount,
              (SELECT COUNT(*) FROM series WHERE datasetId = d.id) AS seriesCount,
              (SELECT CAST(COALESCE(SUM(instanceCount), 0) AS BIGINT) FROM series WHERE datasetId = d.id)
                AS instanceCount,
              (SELECT COUNT(*) FROM sample WHERE datasetId = d.id) AS sampleCount,
              (SELECT COUNT(*) FROM datasetFile WHERE datasetId = d.id) AS fileCount,
              (SELECT CAST(COALESCE(SUM(o.size), 0) AS BIGINT) FROM datasetFile f JOIN object o ON o.id = f.objectId
                 WHERE f.datasetId = d.id) AS byteCount,
              (SELECT COUNT(*) FROM qualityFlag WHERE datasetId = d.id AND state = 'open') AS openFlagCount,
              (SELECT \(versionZones) FROM (SELECT DISTINCT m.zone AS z FROM datasetVersion v
                 JOIN versionManifest m ON m.versionId = v.id WHERE v.datasetId = d.id ORDER BY z) AS vz)
                AS versionZones
            FROM dataset d \(whereClause)
            ORDER BY d.name
            """,
            arguments)
    }
}
