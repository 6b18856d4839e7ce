import GRDB

/// A record that `medlake show` matched, with the name of the dataset it belongs to and the ids of its
/// parents (a series' study UID, an instance's series UID and modality).
public struct CatalogMatch<Record: Sendable>: Sendable {
    public var record: Record
    public var datasetName: String
    /// The parents' ids, by column: `studyInstanceUID`, `seriesInstanceUID`, `modality`.
    public var parents: [String: String]
    /// Counts computed alongside (a study's `seriesCount` and `instanceCount`).
    public var counts: [String: Int]
}

/// One file of a dataset holding an object: where `show` says the object came from.
public struct ObjectMembership: Hashable, Sendable {
    public var datasetName: String
    public var path: String
    public var format: String
}

// MARK: - Requests

/// Each match request finds its UID or name through that column's index and lists the matches by dataset
/// name, then row id: a UID may be ingested into several datasets (and, in a broken export, twice in one),
/// and both engines must list them in the same order.
extension CatalogTransaction {
    /// Where the object with row id `objectId` was ingested, by dataset name.
    public func memberships(objectId: Int64) throws -> [ObjectMembership] {
        try connection.mapRows(
            """
            SELECT d.name, f.path, f.format FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
            WHERE f.objectId = ? ORDER BY d.name
            """,
            [objectId]
        ) { ObjectMembership(datasetName: $0["name"], path: $0["path"], format: $0["format"]) }
    }

    /// The instances with SOP Instance UID `uid`, one per dataset holding it.
    public func instanceMatches(sopInstanceUID uid: String) throws -> [CatalogMatch<Instance>] {
        try connection.mapRows(
            """
            SELECT i.*, s.seriesInstanceUID, s.modality, t.studyInstanceUID, d.name AS datasetName
            FROM instance i JOIN series s ON s.id = i.seriesId JOIN study t ON t.id = s.studyId
            JOIN dataset d ON d.id = s.datasetId WHERE i.sopInstanceUID = ? ORDER BY d.name, i.id
            """,
            [uid]
        ) { row in
            CatalogMatch(
                record: try Instance(row: row), datasetName: row["datasetName"],
                parents: Self.strings(row, ["seriesInstanceUID", "modality", "studyInstanceUID"]), counts: [:])
        }
    }

    /// The series with Series Instance UID `uid`, one per dataset holding it.
    public func seriesMatches(seriesInstanceUID uid: String) throws -> [CatalogMatch<Series>] {
        try connection.mapRows(
            """
            SELECT s.*, t.studyInstanceUID, d.name AS datasetName FROM series s JOIN study t ON t.id = s.studyId
            JOIN dataset d ON d.id = s.datasetId WHERE s.seriesInstanceUID = ? ORDER BY d.name, s.id
            """,
            [uid]
        ) { row in
            CatalogMatch(
                record: try Series(row: row), datasetName: row["datasetName"],
                parents: Self.strings(row, ["studyInstanceUID"]), counts: [:])
        }
    }

    /// The studies with Study Instance UID `uid`, one per dataset, with their series and instance counts.
    ///
    /// `CAST(SUM(…) AS BIGINT)`: PostgreSQL sums integers as `numeric`, which the seam does not read.
    public func studyMatches(studyInstanceUID uid: String) throws -> [CatalogMatch<Study>] {
        try connection.mapRows(
            """
            SELECT t.*, d.name AS datasetName,
              (SELECT COUNT(*) FROM series WHERE studyId = t.id) AS seriesCount,
              (SELECT CAST(COALESCE(SUM(instanceCount), 0) AS BIGINT) FROM series WHERE studyId = t.id) AS instanceCount
            FROM study t JOIN dataset d ON d.id = t.datasetId WHERE t.studyInstanceUID = ? ORDER BY d.name
            """,
            [uid]
        ) { row in
            CatalogMatch(
                record: try Study(row: row), datasetName: row["datasetName"], parents: [:],
                counts: ["seriesCount": row["seriesCount"], "instanceCount": row["instanceCount"]])
        }
    }

    /// The samples called `name`, one per dataset holding one.
    public func sampleMatches(name: String) throws -> [CatalogMatch<Sample>] {
        try connection.mapRows(
            """
            SELECT p.*, d.name AS datasetName FROM sample p JOIN dataset d ON d.id = p.datasetId
            WHERE p.name = ? ORDER BY d.name
            """,
            [name]
        ) { row in
            CatalogMatch(record: try Sample(row: row), datasetName: row["datasetName"], parents: [:], counts: [:])
        }
    }

    private static func strings(_ row: Row, _ columns: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for column in columns { values[column] = row[column] }
        return values
    }
}
