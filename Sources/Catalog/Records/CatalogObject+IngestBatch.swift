import Foundation

/// Creating the object rows of a whole ingest batch at once.
extension CatalogTransaction {
    /// The row ids of the objects with these SHA-256s (each with its size), by SHA-256: ``storedObjectId(sha256:size:tier:at:)``
    /// for every one, in two statements on PostgreSQL (an `INSERT … SELECT … FROM unnest(…)`, then one
    /// `SELECT`) rather than two round trips per object. SQLite runs the one-object request per object, through
    /// its statement cache, as fast as ever.
    public func storedObjectIds(sizes: [String: Int64], tier: String, at now: Date) throws -> [String: Int64] {
        guard !sizes.isEmpty else { return [:] }
        switch connection.dialect {
        case .sqlite:
            var ids: [String: Int64] = [:]
            for (sha256, size) in sizes {
                ids[sha256] = try storedObjectId(sha256: sha256, size: size, tier: tier, at: now)
            }
            return ids
        case .postgres:
            // Sorted, so that concurrent batches meet the unique index in one order.
            let hashes = sizes.keys.sorted()
            let hashArray = PostgresArray.literal(hashes)
            try connection.execute(
                """
                INSERT INTO object (sha256, size, tier, state, createdAt)
                SELECT batch.sha256, batch.size, CAST(? AS TEXT), 'present', CAST(? AS TIMESTAMPTZ)
                FROM unnest(CAST(? AS TEXT[]), CAST(? AS BIGINT[])) AS batch(sha256, size)
                ON CONFLICT (sha256) DO UPDATE SET state = 'present', tier = excluded.tier, createdAt = excluded.createdAt
                WHERE object.state = 'deleted'
                """,
                [tier, now, hashArray, PostgresArray.literal(hashes.map { sizes[$0] })], cached: true)
            var ids: [String: Int64] = [:]
            try connection.visitRows(
                "SELECT id, sha256 FROM object WHERE sha256 = ANY(CAST(? AS TEXT[]))", [hashArray], cached: true
            ) { row in
                ids[row["sha256"]] = row["id"]
                return true
            }
            guard let missing = hashes.first(where: { ids[$0] == nil }) else { return ids }
            throw CatalogError.notFound(kind: "object", id: missing)
        }
    }
}
