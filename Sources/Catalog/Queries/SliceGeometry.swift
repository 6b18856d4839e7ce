import GRDB

/// Where one instance of a series sits: what the series-consistency rules compare slice by slice.
public struct SliceGeometry: Hashable, Sendable {
    public var instanceNumber: Int?
    /// `x\y\z`, as the DICOM attribute holds it.
    public var imagePosition: String?
    /// Six direction cosines, `\`-separated.
    public var imageOrientation: String?
}

extension CatalogTransaction {
    /// The geometry of every instance of the dataset, grouped by series UID.
    ///
    /// Reads every instance of the dataset through a cursor, with the series' UIDs looked up once
    /// (columns by position: this is the one query over all instances that ingest runs each time).
    public func sliceGeometry(datasetId: Int64) throws -> [String: [SliceGeometry]] {
        let seriesUIDs = try Dictionary(
            Row.fetchAll(db, sql: "SELECT id, seriesInstanceUID FROM series WHERE datasetId = ?", arguments: [datasetId])
                .map { row -> (Int64, String) in (row[0], row[1]) },
            uniquingKeysWith: { first, _ in first })
        var slices: [String: [SliceGeometry]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT i.seriesId, i.instanceNumber, i.imagePosition, i.imageOrientation
                FROM series s JOIN instance i ON i.seriesId = s.id WHERE s.datasetId = ?
                """,
            arguments: [datasetId])
        while let row = try rows.next() {
            guard let uid = seriesUIDs[row[0]] else { continue }
            slices[uid, default: []].append(
                SliceGeometry(instanceNumber: row[1], imagePosition: row[2], imageOrientation: row[3]))
        }
        return slices
    }
}
