import GRDB

/// One genomic file of a sample with where its bytes are: what the workbench's genomics inspector lists.
public struct GenomicFileEntry: Codable, Sendable, Hashable {
    public var format: String
    /// The path the file was ingested from.
    public var path: String
    public var sha256: String
    public var size: Int64
    public var tier: String
    public var state: CatalogObject.State
    /// Header facts as stored by ingest (a JSON object of strings).
    public var headerFacts: String
    /// Streaming statistics as stored (a JSON object).
    public var stats: String
}

// MARK: - Requests

extension CatalogTransaction {
    /// The genomic files of sample `sample` in the dataset with row id `datasetId`, by format, then path,
    /// then row id (two files may share both); a file without a path row sorts first, as `""`.
    public func genomicFileEntries(datasetId: Int64, sample: String) throws -> [GenomicFileEntry] {
        try connection.mapRows(
            """
            SELECT g.format, g.headerFacts, g.stats, o.sha256, o.size, o.tier, o.state,
              COALESCE((SELECT f.path FROM datasetFile f WHERE f.objectId = o.id AND f.datasetId = p.datasetId
                LIMIT 1), '') AS path
            FROM genomicFile g JOIN sample p ON p.id = g.sampleId JOIN object o ON o.id = g.objectId
            WHERE p.datasetId = ? AND p.name = ? ORDER BY g.format, path, g.id
            """,
            [datasetId, sample]
        ) { row in
            let stored: String = row["state"]
            guard let state = CatalogObject.State(rawValue: stored) else {
                throw CatalogError.unknownValue(column: "object.state", value: stored)
            }
            return GenomicFileEntry(
                format: row["format"], path: row["path"], sha256: row["sha256"], size: row["size"],
                tier: row["tier"], state: state, headerFacts: row["headerFacts"] ?? "{}",
                stats: row["stats"] ?? "{}")
        }
    }
}
