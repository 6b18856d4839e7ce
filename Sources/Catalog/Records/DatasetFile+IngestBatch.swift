/// Adding the files of a whole ingest batch to a dataset at once.
extension CatalogTransaction {
    /// ``insertIfNew(_:)`` for each of `files`, in order: whether each was added. Of several files naming one
    /// object in one dataset, the first is added, as one call per file would do. One statement on PostgreSQL
    /// (`INSERT … SELECT … FROM unnest(…) … RETURNING`); the one-file request per file on SQLite.
    public func insertIfNew(_ files: [DatasetFile]) throws -> [Bool] {
        guard !files.isEmpty else { return [] }
        switch connection.dialect {
        case .sqlite:
            return try files.map(insertIfNew)
        case .postgres:
            var added: Set<FileKey> = []
            try connection.visitRows(
                """
                INSERT INTO datasetFile (datasetId, objectId, path, pathBytes, format, ingestedAt)
                SELECT batch.datasetId, batch.objectId, batch.path, batch.pathBytes, batch.format, batch.ingestedAt
                FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BYTEA[]),
                  CAST(? AS TEXT[]), CAST(? AS TIMESTAMPTZ[]))
                  WITH ORDINALITY AS batch(datasetId, objectId, path, pathBytes, format, ingestedAt, position)
                ORDER BY batch.position
                ON CONFLICT DO NOTHING
                RETURNING datasetId, objectId
                """,
                [
                    PostgresArray.literal(files.map { $0.datasetId }), PostgresArray.literal(files.map { $0.objectId }),
                    PostgresArray.literal(files.map { $0.path }), PostgresArray.literal(files.map { $0.pathBytes }),
                    PostgresArray.literal(files.map { $0.format }), PostgresArray.literal(files.map { $0.ingestedAt }),
                ], cached: true
            ) { row in
                added.insert(FileKey(datasetId: row["datasetId"], objectId: row["objectId"]))
                return true
            }
            // A row per (dataset, object) added, unique: the first file naming it is the one added.
            return files.map { added.remove(FileKey(datasetId: $0.datasetId, objectId: $0.objectId)) != nil }
        }
    }
}

/// The unique key of a `datasetFile` row.
private struct FileKey: Hashable {
    let datasetId: Int64
    let objectId: Int64
}
