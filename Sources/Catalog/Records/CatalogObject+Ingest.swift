import Foundation

/// Creating object rows for bytes just stored, found by their SHA-256 (the object's natural key), so that
/// two writers of the same bytes share one row.
extension CatalogTransaction {
    /// The row id of the object with SHA-256 `sha256`, if any: ``object(sha256:)`` without reading the rest
    /// of the row, through the statement cache, because ingest asks it for every file whose bytes it knows.
    public func objectId(sha256: String) throws -> Int64? {
        try connection.fetchValue(Int64.self, "SELECT id FROM object WHERE sha256 = ?", [sha256], cached: true)
    }

    /// The row id of the object with SHA-256 `sha256`, inserted present in tier `tier` when new. An object
    /// deleted by retention whose bytes were just stored again comes back present in `tier`, its age
    /// counting from `now`; a live object keeps its placement.
    public func storedObjectId(sha256: String, size: Int64, tier: String, at now: Date) throws -> Int64 {
        let inserted = try connection.fetchValue(
            Int64.self,
            """
            INSERT INTO object (sha256, size, tier, state, createdAt) VALUES (?, ?, ?, 'present', ?)
            ON CONFLICT (sha256) DO UPDATE SET state = 'present', tier = excluded.tier, createdAt = excluded.createdAt
            WHERE object.state = 'deleted' RETURNING id
            """,
            [sha256, size, tier, now], cached: true)
        if let inserted { return inserted }
        guard let id = try objectId(sha256: sha256) else { throw CatalogError.notFound(kind: "object", id: sha256) }
        return id
    }

    /// The row id of the object with SHA-256 `sha256`, inserted present in tier `tier` when new; an existing
    /// row, whatever its state, is left as it is.
    public func objectIdInsertingIfNew(sha256: String, size: Int64, tier: String, at now: Date) throws -> Int64 {
        try connection.execute(
            """
            INSERT INTO object (sha256, size, tier, state, createdAt) VALUES (?, ?, ?, 'present', ?)
            ON CONFLICT (sha256) DO NOTHING
            """,
            [sha256, size, tier, now], cached: false)
        guard let id = try objectId(sha256: sha256) else { throw CatalogError.notFound(kind: "object", id: sha256) }
        return id
    }
}

/// The digest of a DICOM object's data set (the bytes after its file meta group, which a server may rewrite),
/// by which a pull from a server recognizes an instance the dataset holds already.
extension CatalogTransaction {
    /// Records `digest` as the data-set digest of the object with SHA-256 `sha256`, unless it has one.
    public func setDataSetDigestIfMissing(_ digest: String, sha256: String) throws {
        try connection.execute(
            "UPDATE object SET dicomDataSetSHA256 = ? WHERE sha256 = ? AND dicomDataSetSHA256 IS NULL",
            [digest, sha256], cached: false)
    }

    /// Records `digest` as the data-set digest of the object with row id `id`.
    public func setDataSetDigest(_ digest: String, objectId id: Int64) throws {
        try connection.execute("UPDATE object SET dicomDataSetSHA256 = ? WHERE id = ?", [digest, id], cached: false)
    }

    /// The DICOM objects of the dataset placed in tier `tier` whose data-set digest is not recorded yet.
    public func objectsWithoutDataSetDigest(datasetId: Int64, tier: String) throws -> [(id: Int64, sha256: String)] {
        var objects: [(id: Int64, sha256: String)] = []
        try connection.visitRows(
            """
            SELECT o.id, o.sha256 FROM object o JOIN datasetFile f ON f.objectId = o.id
            WHERE f.datasetId = ? AND f.format = 'DICOM' AND o.dicomDataSetSHA256 IS NULL
              AND o.tier = ?
            """,
            [datasetId, tier], cached: false
        ) { row in
            objects.append((row["id"], row["sha256"]))
            return true
        }
        return objects
    }

    /// The data-set digests recorded for the dataset's objects.
    public func dataSetDigests(datasetId: Int64) throws -> Set<String> {
        Set(
            try connection.fetchValues(
                String.self,
                """
                SELECT o.dicomDataSetSHA256 FROM object o JOIN datasetFile f ON f.objectId = o.id
                WHERE f.datasetId = ? AND o.dicomDataSetSHA256 IS NOT NULL
                """,
                [datasetId]))
    }
}
