import GRDB

extension CatalogTransaction {
    /// The manifest of the version with row id `versionId`, if it is published.
    public func manifest(versionId: Int64) throws -> VersionManifest? {
        try VersionManifest.filter(VersionManifest.Columns.versionId == versionId).fetchOne(db)
    }

    /// Up to `limit` manifests whose hash starts with `prefix` (lowercase hex): two tell a caller the
    /// prefix is ambiguous without reading every match.
    public func manifests(hashPrefix prefix: String, limit: Int) throws -> [VersionManifest] {
        try VersionManifest.fetchAll(
            db, sql: "SELECT * FROM versionManifest WHERE substr(hash, 1, ?) = ? LIMIT ?",
            arguments: [prefix.count, prefix, limit])
    }

    /// The dataset's newest published version, as its row id and manifest hash.
    public func latestPublished(datasetId: Int64) throws -> (versionId: Int64, hash: String)? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT v.id, m.hash FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
                WHERE v.datasetId = ? ORDER BY v.number DESC LIMIT 1
                """,
            arguments: [datasetId])
        guard let row else { return nil }
        return (row[0], row[1])
    }

    /// How many published versions live in each zone (a promoted version lives in its target zone).
    public func publishedVersionCountsByZone() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT zone, COUNT(*) AS versions FROM versionManifest GROUP BY zone") {
            counts[row["zone"]] = row["versions"]
        }
        return counts
    }
}

extension CatalogTransaction {
    /// The published version with row id `versionId`: its dataset's name, its number and its manifest.
    public func publishedVersion(id versionId: Int64) throws
        -> (datasetName: String, number: Int, manifest: VersionManifest)?
    {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT d.name AS datasetName, v.number AS versionNumber, m.* FROM datasetVersion v
                JOIN dataset d ON d.id = v.datasetId JOIN versionManifest m ON m.versionId = v.id WHERE v.id = ?
                """,
            arguments: [versionId])
        guard let row else { return nil }
        return (row["datasetName"], row["versionNumber"], try VersionManifest(row: row))
    }
}
