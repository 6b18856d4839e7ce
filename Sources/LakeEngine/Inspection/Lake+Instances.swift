import Catalog
import GRDB

extension Lake {
    /// The instances of series `seriesUID` in dataset `name`, by instance number or by `order`.
    public func instances(
        dataset name: String, seriesUID: String, order: ListingOrder<InstanceSortKey>? = nil
    ) throws -> [Instance] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "instances")
        return try catalog.reader.read { db in
            try Instance.fetchAll(db, datasetId: try datasetId(named: name, db), seriesUID: seriesUID, order: order)
        }
    }

    /// The genomic files of sample `sample` in dataset `name`, with where their bytes are.
    public func genomicFiles(dataset name: String, sample: String) throws -> [GenomicFileEntry] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "genomic-files")
        return try catalog.reader.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT g.format, g.headerFacts, g.stats, o.sha256, o.size, o.tier, o.state,
                      (SELECT f.path FROM datasetFile f WHERE f.objectId = o.id AND f.datasetId = p.datasetId
                       LIMIT 1) AS path
                    FROM genomicFile g JOIN sample p ON p.id = g.sampleId JOIN object o ON o.id = g.objectId
                    WHERE p.datasetId = ? AND p.name = ? ORDER BY g.format, path
                    """,
                arguments: [try datasetId(named: name, db), sample])
            return rows.map { row in
                GenomicFileEntry(
                    format: row["format"], path: row["path"] ?? "", sha256: row["sha256"], size: row["size"],
                    tier: row["tier"], state: row["state"], headerFacts: row["headerFacts"] ?? "{}",
                    stats: row["stats"] ?? "{}")
            }
        }
    }
}

/// One genomic file of a sample, for the workbench's genomics inspector.
public struct GenomicFileEntry: Sendable, Hashable {
    public var format: String
    /// The path the file was ingested from.
    public var path: String
    public var sha256: String
    public var size: Int64
    public var tier: String
    public var state: String
    /// Header facts as stored by ingest (a JSON object of strings).
    public var headerFacts: String
    /// Streaming statistics as stored (a JSON object).
    public var stats: String
}
