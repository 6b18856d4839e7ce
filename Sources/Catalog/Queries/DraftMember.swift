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

extension CatalogTransaction {
    /// The dataset's current members, one per file row, ordered by path then hash.
    ///
    /// One query with `LEFT JOIN`s: a file is either an instance (study and series ids) or a genomic file
    /// (sample and assay), and each join stays inside the dataset.
    public func draftMembers(datasetId: Int64) throws -> [DraftMember] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.path, f.format, o.id AS objectId, o.sha256, o.size,
                  MIN(t.studyInstanceUID) AS studyUID, MIN(s.seriesInstanceUID) AS seriesUID,
                  MIN(i.sopInstanceUID) AS sopUID, MIN(s.modality) AS modality, MIN(s.bodyPart) AS bodyPart,
                  MIN(s.description) AS description, GROUP_CONCAT(DISTINCT sm.name) AS sample,
                  MIN(sm.assay) AS assay
                FROM datasetFile f JOIN object o ON o.id = f.objectId
                LEFT JOIN instance i ON i.objectId = o.id
                  AND i.seriesId IN (SELECT id FROM series WHERE datasetId = f.datasetId)
                LEFT JOIN series s ON s.id = i.seriesId
                LEFT JOIN study t ON t.id = s.studyId
                LEFT JOIN genomicFile g ON g.objectId = o.id
                  AND g.sampleId IN (SELECT id FROM sample WHERE datasetId = f.datasetId)
                LEFT JOIN sample sm ON sm.id = g.sampleId
                WHERE f.datasetId = ? GROUP BY f.id ORDER BY f.path, o.sha256
                """,
            arguments: [datasetId])
        return rows.map { row in
            DraftMember(
                objectId: row["objectId"], path: row["path"], format: row["format"], sha256: row["sha256"],
                size: row["size"], studyUID: row["studyUID"], seriesUID: row["seriesUID"],
                sopInstanceUID: row["sopUID"], modality: row["modality"], bodyPart: row["bodyPart"],
                seriesDescription: row["description"], sample: row["sample"], assay: row["assay"])
        }
    }
}
