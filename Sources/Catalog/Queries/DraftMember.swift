import GRDB

/// One file of a dataset's draft with the imaging or genomic ids it carries: what publishing a version
/// writes into its manifest.
public struct DraftMember: Hashable, Sendable {
    public var objectId: Int64
    public var path: String
    public var format: String
    public var sha256: String
    public var size: Int64
    public var studyUID: String?
    public var seriesUID: String?
    public var sopInstanceUID: String?
    public var modality: String?
    public var bodyPart: String?
    public var seriesDescription: String?
    /// The sample names, comma-separated, when the file belongs to several.
    public var sample: String?
    public var assay: String?
}

// MARK: - Requests

extension CatalogTransaction {
    /// The dataset's current members, one per file row, ordered by path then hash (unique in a dataset:
    /// one file row per object).
    ///
    /// One query: a file is either an instance (study and series ids, through `LEFT JOIN`s that stay inside
    /// the dataset) or a genomic file (its samples, found from the object through `genomicFile`'s
    /// `objectId` index). Several samples sharing one file are joined in the order they were catalogued,
    /// on both engines. `GROUP BY f.id, o.id`: PostgreSQL reads `o`'s columns only when its key is grouped.
    public func draftMembers(datasetId: Int64) throws -> [DraftMember] {
        let samples = connection.dialect.groupConcat("n", separator: ",", orderedBy: "k")
        return try connection.mapRows(
            """
            SELECT f.path, f.format, o.id AS objectId, o.sha256, o.size,
              MIN(t.studyInstanceUID) AS studyUID, MIN(s.seriesInstanceUID) AS seriesUID,
              MIN(i.sopInstanceUID) AS sopUID, MIN(s.modality) AS modality, MIN(s.bodyPart) AS bodyPart,
              MIN(s.description) AS description,
              (SELECT \(samples) FROM (SELECT name AS n, id AS k FROM sample WHERE datasetId = f.datasetId
                 AND id IN (SELECT sampleId FROM genomicFile WHERE objectId = o.id) ORDER BY id) AS sn) AS sample,
              (SELECT MIN(assay) FROM sample WHERE datasetId = f.datasetId
                 AND id IN (SELECT sampleId FROM genomicFile WHERE objectId = o.id)) AS assay
            FROM datasetFile f JOIN object o ON o.id = f.objectId
            LEFT JOIN instance i ON i.objectId = o.id
              AND i.seriesId IN (SELECT id FROM series WHERE datasetId = f.datasetId)
            LEFT JOIN series s ON s.id = i.seriesId
            LEFT JOIN study t ON t.id = s.studyId
            WHERE f.datasetId = ? GROUP BY f.id, o.id ORDER BY f.path, o.sha256
            """,
            [datasetId]
        ) { row in
            DraftMember(
                objectId: row["objectId"], path: row["path"], format: row["format"], sha256: row["sha256"],
                size: row["size"], studyUID: row["studyUID"], seriesUID: row["seriesUID"],
                sopInstanceUID: row["sopUID"], modality: row["modality"], bodyPart: row["bodyPart"],
                seriesDescription: row["description"], sample: row["sample"], assay: row["assay"])
        }
    }
}
