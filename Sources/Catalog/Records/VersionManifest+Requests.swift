extension CatalogTransaction {
    /// The manifest of the version with row id `versionId`, if it is published.
    public func manifest(versionId: Int64) throws -> VersionManifest? {
        try connection.fetchOne(VersionManifest.self, "SELECT * FROM versionManifest WHERE versionId = ?", [versionId])
    }

    /// Up to `limit` manifests whose hash starts with `prefix` (lowercase hex): two tell a caller the
    /// prefix is ambiguous without reading every match. A prefix, not `LIKE`: `_` and `%` match themselves.
    public func manifests(hashPrefix prefix: String, limit: Int) throws -> [VersionManifest] {
        try connection.fetchAll(
            VersionManifest.self, "SELECT * FROM versionManifest WHERE substr(hash, 1, ?) = ? ORDER BY id LIMIT ?",
            [prefix.count, prefix, limit])
    }

    /// The dataset's newest published version, as its row id and manifest hash.
    public func latestPublished(datasetId: Int64) throws -> (versionId: Int64, hash: String)? {
        var latest: (versionId: Int64, hash: String)?
        try connection.visitRows(
            """
            SELECT v.id AS versionId, m.hash AS hash FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
            WHERE v.datasetId = ? ORDER BY v.number DESC LIMIT 1
            """,
            [datasetId], cached: false
        ) { row in
            latest = (row["versionId"], row["hash"])
            return false
        }
        return latest
    }

    /// How many published versions live in each zone (a promoted version lives in its target zone).
    public func publishedVersionCountsByZone() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try connection.visitRows(
            "SELECT zone, COUNT(*) AS versions FROM versionManifest GROUP BY zone", [], cached: false
        ) { row in
            counts[row["zone"]] = row["versions"]
            return true
        }
        return counts
    }
}

extension CatalogTransaction {
    /// The published version with row id `versionId`: its dataset's name, its number and its manifest.
    public func publishedVersion(id versionId: Int64) throws
        -> (datasetName: String, number: Int, manifest: VersionManifest)?
    {
        var found: (datasetName: String, number: Int, manifest: VersionManifest)?
        try connection.visitRows(
            """
            SELECT d.name AS datasetName, v.number AS versionNumber, m.* FROM datasetVersion v
            JOIN dataset d ON d.id = v.datasetId JOIN versionManifest m ON m.versionId = v.id WHERE v.id = ?
            """,
            [versionId], cached: false
        ) { row in
            found = (row["datasetName"], row["versionNumber"], try VersionManifest(row: row))
            return false
        }
        return found
    }
}
