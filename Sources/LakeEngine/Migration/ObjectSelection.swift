import Catalog
import GRDB

/// An object a migration or lifecycle rule may move: its row id, digest, size and current tier.
struct MovableObject: Sendable, Hashable {
    var id: Int64
    var sha256: String
    var size: Int64
    var tier: String
}

extension Lake {
    /// The objects `DATASET[@VERSION]` names.
    ///
    /// Without a version, the dataset's current objects (its files). With one, the version's manifest
    /// entries when it is published, else (a draft) the dataset's files.
    func objects(ofDataset spec: String, _ db: Database) throws -> (label: String, objects: [MovableObject]) {
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        let name = parts.first ?? spec
        guard let datasetId = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [name])
        else { throw LakeError.notFound(kind: "dataset", id: name) }
        var versionId: Int64?
        if parts.count == 2 {
            guard let number = Int(parts[1].trimmingPrefix("v")),
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, state FROM datasetVersion WHERE datasetId = ? AND number = ?",
                    arguments: [datasetId, number])
            else { throw LakeError.notFound(kind: "version", id: spec) }
            if row["state"] as String != "draft" { versionId = row["id"] }
        }
        let rows =
            if let versionId {
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT o.id, o.sha256, o.size, o.tier FROM versionEntry e JOIN object o ON o.id = e.objectId
                        WHERE e.versionId = ? AND o.state != 'deleted' ORDER BY o.id
                        """, arguments: [versionId])
            } else {
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT o.id, o.sha256, o.size, o.tier FROM datasetFile f JOIN object o ON o.id = f.objectId
                        WHERE f.datasetId = ? AND o.state != 'deleted' ORDER BY o.id
                        """, arguments: [datasetId])
            }
        return (spec, rows.map { MovableObject(id: $0["id"], sha256: $0["sha256"], size: $0["size"], tier: $0["tier"]) })
    }

    /// Ids of objects that a queued, running or paused job still has to move (so no second job takes them).
    func objectsInActiveJobs(_ db: Database) throws -> Set<Int64> {
        Set(
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT i.objectId FROM migrationItem i JOIN migrationJob j ON j.id = i.jobId
                    WHERE i.state IN ('pending', 'publishing') AND j.state IN ('queued', 'running', 'paused')
                    """))
    }
}
