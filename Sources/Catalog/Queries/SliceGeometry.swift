import GRDB

/// Where one instance of a series sits: what the series-consistency rules compare slice by slice.
public struct SliceGeometry: Hashable, Sendable {
    public var instanceNumber: Int?
    /// `x\y\z`, as the DICOM attribute holds it.
    public var imagePosition: String?
    /// Six direction cosines, `\`-separated.
    public var imageOrientation: String?
}

// MARK: - Requests

extension CatalogTransaction {
    /// The geometry of every instance of the dataset, grouped by series UID, each series' slices in ingest
    /// (row id) order: a rule that compares slices with the first one must see the same first slice on both
    /// engines.
    ///
    /// Reads every instance of the dataset row by row, with the series' UIDs looked up once and the columns
    /// read by position: this is the one query over all instances that ingest runs each time. On SQLite the
    /// order costs nothing (the series' `datasetId` index and the instances' `seriesId` index both end with
    /// the row id); PostgreSQL sorts each series' instances after reading the series in order from its
    /// `(datasetId, id)` index.
    public func sliceGeometry(datasetId: Int64) throws -> [String: [SliceGeometry]] {
        var seriesUIDs: [Int64: String] = [:]
        try connection.visitRows(
            "SELECT id, seriesInstanceUID FROM series WHERE datasetId = ?", [datasetId], cached: false
        ) { row in
            seriesUIDs[row["id"]] = row["seriesInstanceUID"]
            return true
        }
        var slices: [String: [SliceGeometry]] = [:]
        try connection.visitRows(
            """
            SELECT i.seriesId, i.instanceNumber, i.imagePosition, i.imageOrientation
            FROM series s JOIN instance i ON i.seriesId = s.id WHERE s.datasetId = ? ORDER BY s.id, i.id
            """,
            [datasetId], columns: ["seriesId", "instanceNumber", "imagePosition", "imageOrientation"]
        ) { row, at in
            if let uid = seriesUIDs[row[at[0]]] {
                slices[uid, default: []].append(
                    SliceGeometry(instanceNumber: row[at[1]], imagePosition: row[at[2]], imageOrientation: row[at[3]]))
            }
            return true
        }
        return slices
    }
}
