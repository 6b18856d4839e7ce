import Foundation
import GRDB

/// An object a migration or lifecycle rule may move: its row id, digest, size and current tier.
public struct MovableObject: Sendable, Hashable {
    public var id: Int64
    public var sha256: String
    public var size: Int64
    public var tier: String
}

/// An object as lifecycle rules see it: its own facts plus those of every dataset holding it.
public struct LifecycleCandidate: Sendable {
    /// One dataset holding the object.
    public struct DatasetFacts: Sendable {
        public var zone: String
        public var status: String
        public var sensitivity: String
        /// The state (`draft` or `published`) of the dataset's newest version.
        public var versionState: String?
    }

    public var object: MovableObject
    public var createdAt: Date
    public var lastAccess: Date?
    public var datasets: [DatasetFacts]
}

extension CatalogTransaction {
    /// The objects (not deleted) of the published version with row id `versionId`, by row id.
    public func movableObjects(versionId: Int64) throws -> [MovableObject] {
        try movableObjects(
            """
            SELECT DISTINCT o.id, o.sha256, o.size, o.tier FROM versionEntry e JOIN object o ON o.id = e.objectId
            WHERE e.versionId = ? AND o.state != 'deleted' ORDER BY o.id
            """, [versionId])
    }

    /// The objects (not deleted) of the dataset's files, by row id.
    public func movableObjects(datasetId: Int64) throws -> [MovableObject] {
        try movableObjects(
            """
            SELECT o.id, o.sha256, o.size, o.tier FROM datasetFile f JOIN object o ON o.id = f.objectId
            WHERE f.datasetId = ? AND o.state != 'deleted' ORDER BY o.id
            """, [datasetId])
    }

    /// Every object a dataset file holds (not deleted), by row id, with the facts of each dataset holding it;
    /// one query, visited row by row.
    public func lifecycleCandidates() throws -> [LifecycleCandidate] {
        var result: [LifecycleCandidate] = []
        try connection.visitRows(
            """
            SELECT o.id, o.sha256, o.size, o.tier, o.createdAt, o.lastAccess, d.zone, d.status, d.sensitivity,
            (SELECT v.state FROM datasetVersion v WHERE v.datasetId = d.id ORDER BY v.number DESC LIMIT 1)
              AS versionState
            FROM object o JOIN datasetFile f ON f.objectId = o.id JOIN dataset d ON d.id = f.datasetId
            WHERE o.state != 'deleted'
            ORDER BY o.id
            """, [], cached: false
        ) { row in
            let facts = LifecycleCandidate.DatasetFacts(
                zone: row["zone"], status: row["status"], sensitivity: row["sensitivity"],
                versionState: row["versionState"])
            let id: Int64 = row["id"]
            if result.last?.object.id == id {
                result[result.count - 1].datasets.append(facts)
            } else {
                result.append(
                    LifecycleCandidate(
                        object: Self.movableObject(row), createdAt: row["createdAt"], lastAccess: row["lastAccess"],
                        datasets: [facts]))
            }
            return true
        }
        return result
    }

    /// Objects of versions a pending or approved promotion or a recorded training run refers to: moving
    /// them to a tier that needs a restore would stall that promotion or run's reproduction.
    public func objectIdsHeldByPendingPromotionsOrRuns() throws -> Set<Int64> {
        try Set(
            connection.fetchValues(
                Int64.self,
                """
                WITH held(versionId) AS (
                    SELECT sourceVersionId FROM promotion WHERE state IN ('pending', 'approved')
                    UNION SELECT m.versionId FROM trainingRun r JOIN versionManifest m ON m.hash = r.manifestHash
                )
                SELECT e.objectId FROM held h JOIN versionEntry e ON e.versionId = h.versionId
                UNION
                SELECT f.objectId FROM held h JOIN datasetVersion v ON v.id = h.versionId
                JOIN datasetFile f ON f.datasetId = v.datasetId WHERE v.state = 'draft'
                """))
    }

    /// The objects `sql` selects (`id`, `sha256`, `size`, `tier`).
    private func movableObjects(_ sql: String, _ arguments: CatalogArguments) throws -> [MovableObject] {
        var objects: [MovableObject] = []
        try connection.visitRows(sql, arguments, cached: false) { row in
            objects.append(Self.movableObject(row))
            return true
        }
        return objects
    }

    private static func movableObject(_ row: Row) -> MovableObject {
        MovableObject(id: row["id"], sha256: row["sha256"], size: row["size"], tier: row["tier"])
    }
}
