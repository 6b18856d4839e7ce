import Foundation
import GRDB

/// One lineage edge as `medlake explain` shows it: the two objects' digests, what made one from the other,
/// and where the object at the far end lives.
public struct LineageLink: Sendable {
    public var sourceSHA256: String
    public var derivedSHA256: String
    public var promotionId: Int64
    /// The transform as JSON (a `ManifestTransform`).
    public var transform: String
    public var versionId: Int64
    /// The tier and digest of the object at the other end of the edge from the one asked about.
    public var otherTier: String
    public var otherSHA256: String
}

/// One file of a dataset holding an object, with when it was ingested.
public struct ObjectIngest: Sendable {
    public var datasetName: String
    public var path: String
    public var ingestedAt: Date
}

extension CatalogTransaction {
    /// The edges whose derived object (`derivedFrom` true: what the object was made from) or source object
    /// (false: what was made from it) is the object with row id `objectId`, oldest first.
    public func lineageLinks(objectId: Int64, madeFrom: Bool) throws -> [LineageLink] {
        let (column, other) = madeFrom ? ("derivedObjectId", "sourceObjectId") : ("sourceObjectId", "derivedObjectId")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
                  o.tier AS tier, o.sha256 AS otherSHA
                FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
                JOIN object o ON o.id = e.\(other) WHERE e.\(column) = ? ORDER BY e.id
                """,
            arguments: [objectId]
        ).map(Self.lineageLink)
    }

    /// The first `limit` edges a promotion recorded for the version with row id `versionId`, with the derived
    /// object's tier.
    public func lineageLinks(versionId: Int64, limit: Int) throws -> [LineageLink] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
                  d.tier AS tier, d.sha256 AS otherSHA
                FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
                WHERE e.versionId = ? ORDER BY e.id LIMIT ?
                """,
            arguments: [versionId, limit]
        ).map(Self.lineageLink)
    }

    /// The object holding SOP Instance `uid`, found among instances first, then published version entries.
    public func objectId(sopInstanceUID uid: String) throws -> Int64? {
        if let found = try Int64.fetchOne(
            db, sql: "SELECT objectId FROM instance WHERE sopInstanceUID = ? LIMIT 1", arguments: [uid])
        {
            return found
        }
        return try Int64.fetchOne(
            db, sql: "SELECT objectId FROM versionEntry WHERE sopInstanceUID = ? LIMIT 1", arguments: [uid])
    }

    /// Where and when the object with row id `objectId` was ingested, oldest first.
    public func ingests(objectId: Int64) throws -> [ObjectIngest] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.name, f.path, f.ingestedAt FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                WHERE f.objectId = ? ORDER BY f.ingestedAt
                """,
            arguments: [objectId]
        ).map { ObjectIngest(datasetName: $0[0], path: $0[1], ingestedAt: $0[2]) }
    }

    /// Who ingested into dataset `datasetName`, with the time of each one's first ingest, by actor.
    public func ingestActors(datasetName: String) throws -> [(actor: String, first: Date)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT actor, MIN(time) AS first FROM auditEvent WHERE action = 'ingest' AND target = ?
                GROUP BY actor ORDER BY actor
                """,
            arguments: [datasetName]
        ).map { ($0[0], Date(timeIntervalSince1970: Double($0[1] as Int64) / 1000)) }
    }

    /// The published versions holding the object with row id `objectId`, with its path in each.
    public func versionEntries(objectId: Int64) throws -> [(versionId: Int64, path: String)] {
        try Row.fetchAll(
            db, sql: "SELECT e.versionId, e.path FROM versionEntry e WHERE e.objectId = ? ORDER BY e.versionId",
            arguments: [objectId]
        ).map { ($0[0], $0[1]) }
    }

    /// The promotions that produced the version with row id `versionId`, with their approvers in order.
    public func promotions(targetVersionId versionId: Int64) throws -> [(promotion: Promotion, approvers: [String])] {
        try Promotion.filter(Promotion.Columns.targetVersionId == versionId).fetchAll(db).map { promotion in
            let approvers = try String.fetchAll(
                db,
                sql: "SELECT approver FROM promotionApproval WHERE promotionId = ? AND decision = ? ORDER BY id",
                arguments: [promotion.id, Decision.approve.rawValue])
            return (promotion, approvers)
        }
    }

    /// The stagings of the manifest with hash `manifestHash`, oldest first.
    public func stagings(manifestHash: String) throws -> [RunStaging] {
        try RunStaging.filter(RunStaging.Columns.manifestHash == manifestHash).order(RunStaging.Columns.id).fetchAll(db)
    }

    private static func lineageLink(_ row: Row) -> LineageLink {
        LineageLink(
            sourceSHA256: row["source"], derivedSHA256: row["derived"], promotionId: row["promotionId"],
            transform: row["transform"], versionId: row["versionId"], otherTier: row["tier"],
            otherSHA256: row["otherSHA"])
    }
}
