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
        return try lineageLinks(
            """
            SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
              o.tier AS tier, o.sha256 AS otherSHA
            FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
            JOIN object o ON o.id = e.\(other) WHERE e.\(column) = ? ORDER BY e.id
            """,
            [objectId])
    }

    /// The first `limit` edges a promotion recorded for the version with row id `versionId`, with the derived
    /// object's tier.
    public func lineageLinks(versionId: Int64, limit: Int) throws -> [LineageLink] {
        try lineageLinks(
            """
            SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
              d.tier AS tier, d.sha256 AS otherSHA
            FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
            WHERE e.versionId = ? ORDER BY e.id LIMIT ?
            """,
            [versionId, limit])
    }

    /// The object holding SOP Instance `uid`, found among instances first, then published version entries.
    public func objectId(sopInstanceUID uid: String) throws -> Int64? {
        if let found = try connection.fetchValue(
            Int64.self, "SELECT objectId FROM instance WHERE sopInstanceUID = ? LIMIT 1", [uid])
        {
            return found
        }
        return try connection.fetchValue(
            Int64.self, "SELECT objectId FROM versionEntry WHERE sopInstanceUID = ? LIMIT 1", [uid])
    }

    /// Where and when the object with row id `objectId` was ingested, oldest first.
    public func ingests(objectId: Int64) throws -> [ObjectIngest] {
        var ingests: [ObjectIngest] = []
        try connection.visitRows(
            """
            SELECT d.name AS datasetName, f.path AS path, f.ingestedAt AS ingestedAt FROM datasetFile f
            JOIN dataset d ON d.id = f.datasetId WHERE f.objectId = ? ORDER BY f.ingestedAt
            """,
            [objectId], cached: false
        ) { row in
            ingests.append(ObjectIngest(datasetName: row["datasetName"], path: row["path"], ingestedAt: row["ingestedAt"]))
            return true
        }
        return ingests
    }

    /// Who ingested into dataset `datasetName`, with the time of each one's first ingest, by actor.
    public func ingestActors(datasetName: String) throws -> [(actor: String, first: Date)] {
        var actors: [(actor: String, first: Date)] = []
        try connection.visitRows(
            """
            SELECT actor, MIN(time) AS firstTime FROM auditEvent WHERE action = 'ingest' AND target = ?
            GROUP BY actor ORDER BY actor
            """,
            [datasetName], cached: false
        ) { row in
            // Audit times are milliseconds since 1970.
            actors.append((row["actor"], Date(timeIntervalSince1970: Double(row["firstTime"] as Int64) / 1000)))
            return true
        }
        return actors
    }

    /// The published versions holding the object with row id `objectId`, with its path in each.
    public func versionEntries(objectId: Int64) throws -> [(versionId: Int64, path: String)] {
        var entries: [(versionId: Int64, path: String)] = []
        try connection.visitRows(
            "SELECT versionId, path FROM versionEntry WHERE objectId = ? ORDER BY versionId", [objectId], cached: false
        ) { row in
            entries.append((row["versionId"], row["path"]))
            return true
        }
        return entries
    }

    /// The promotions that produced the version with row id `versionId`, with their approvers in order.
    public func promotions(targetVersionId versionId: Int64) throws -> [(promotion: Promotion, approvers: [String])] {
        try connection.fetchAll(Promotion.self, "SELECT * FROM promotion WHERE targetVersionId = ? ORDER BY id", [versionId])
            .map { promotion in
                let approvers = try connection.fetchValues(
                    String.self,
                    "SELECT approver FROM promotionApproval WHERE promotionId = ? AND decision = ? ORDER BY id",
                    [promotion.id, Decision.approve.rawValue])
                return (promotion, approvers)
            }
    }

    /// The stagings of the manifest with hash `manifestHash`, oldest first.
    public func stagings(manifestHash: String) throws -> [RunStaging] {
        try connection.fetchAll(
            RunStaging.self, "SELECT * FROM runStaging WHERE manifestHash = ? ORDER BY id", [manifestHash])
    }

    /// The lineage links `sql` selects (each column named as ``lineageLink(_:)`` reads it).
    private func lineageLinks(_ sql: String, _ arguments: CatalogArguments) throws -> [LineageLink] {
        var links: [LineageLink] = []
        try connection.visitRows(sql, arguments, cached: false) { row in
            links.append(Self.lineageLink(row))
            return true
        }
        return links
    }

    private static func lineageLink(_ row: Row) -> LineageLink {
        LineageLink(
            sourceSHA256: row["source"], derivedSHA256: row["derived"], promotionId: row["promotionId"],
            transform: row["transform"], versionId: row["versionId"], otherTier: row["tier"],
            otherSHA256: row["otherSHA"])
    }
}
