import Foundation

/// An object retention may delete, with every dataset and zone that still refers to it: its datasets'
/// drafts (in the dataset's zone) and its published versions (in each version's zone).
public struct RetentionCandidate: Sendable {
    /// One dataset and zone referring to the object.
    public struct Reference: Sendable {
        public var datasetId: Int64
        public var zone: String
    }

    public var id: Int64
    public var size: Int64
    public var createdAt: Date
    public var references: [Reference]
}

extension CatalogTransaction {
    /// Every object not deleted, by row id, with its references; one query, its rows visited one by one.
    public func retentionCandidates() throws -> [RetentionCandidate] {
        var result: [RetentionCandidate] = []
        try connection.visitRows(
            """
            SELECT o.id AS id, o.size AS size, o.createdAt AS createdAt, r.datasetId AS datasetId, r.zone AS zone
            FROM object o JOIN (
                SELECT f.objectId, f.datasetId, d.zone FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                UNION SELECT e.objectId, v.datasetId, m.zone FROM versionEntry e
                JOIN datasetVersion v ON v.id = e.versionId JOIN versionManifest m ON m.versionId = v.id
            ) r ON r.objectId = o.id
            WHERE o.state <> 'deleted'
            ORDER BY o.id
            """,
            [], cached: false
        ) { row in
            let id: Int64 = row["id"]
            let reference = RetentionCandidate.Reference(datasetId: row["datasetId"], zone: row["zone"])
            if result.last?.id == id {
                result[result.count - 1].references.append(reference)
            } else {
                result.append(
                    RetentionCandidate(id: id, size: row["size"], createdAt: row["createdAt"], references: [reference]))
            }
            return true
        }
        return result
    }

    /// The earliest study date (`YYYYMMDD` as stored) of the instances each object holds, by object row id.
    public func earliestStudyDates() throws -> [Int64: String] {
        var dates: [Int64: String] = [:]
        try connection.visitRows(
            """
            SELECT i.objectId AS objectId, MIN(t.studyDate) AS studyDate FROM instance i
            JOIN series s ON s.id = i.seriesId JOIN study t ON t.id = s.studyId
            WHERE t.studyDate IS NOT NULL GROUP BY i.objectId
            """,
            [], cached: false
        ) { row in
            dates[row["objectId"]] = row["studyDate"]
            return true
        }
        return dates
    }

    /// The names of the datasets whose draft or published versions hold the object, by name.
    public func datasetNames(referencingObject objectId: Int64) throws -> [String] {
        try connection.fetchValues(
            String.self,
            """
            SELECT d.name FROM dataset d WHERE d.id IN (
                SELECT datasetId FROM datasetFile WHERE objectId = ?1
                UNION SELECT v.datasetId FROM versionEntry e JOIN datasetVersion v ON v.id = e.versionId
                WHERE e.objectId = ?1)
            ORDER BY d.name
            """,
            [objectId])
    }
}
