/// Looking up and adding the instances of a whole ingest batch at once.
extension CatalogTransaction {
    /// The object of each of `sopInstanceUIDs` the dataset catalogs, by SOP Instance UID:
    /// ``instanceObjectId(datasetId:sopInstanceUID:)`` for each, in one statement on PostgreSQL.
    public func instanceObjectIds(datasetId: Int64, sopInstanceUIDs: [String]) throws -> [String: Int64] {
        var objects: [String: Int64] = [:]
        guard !sopInstanceUIDs.isEmpty else { return objects }
        switch connection.dialect {
        case .sqlite:
            for uid in sopInstanceUIDs {
                objects[uid] = try instanceObjectId(datasetId: datasetId, sopInstanceUID: uid)
            }
        case .postgres:
            try connection.visitRows(
                """
                SELECT i.sopInstanceUID, i.objectId FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE s.datasetId = ? AND i.sopInstanceUID = ANY(CAST(? AS TEXT[]))
                """,
                [datasetId, PostgresArray.literal(sopInstanceUIDs.map { $0 })], cached: true
            ) { row in
                objects[row["sopInstanceUID"]] = row["objectId"]
                return true
            }
        }
        return objects
    }

    /// ``insertInstance(_:)`` for each of `instances`: one statement on PostgreSQL (`INSERT … SELECT … FROM
    /// unnest(…)`), the one-instance request per instance on SQLite.
    ///
    /// - Throws: ``CatalogError/duplicate(table:)`` naming `instance` when a series holds one of the SOP
    ///   Instance UIDs already (or two of `instances` share one), on both engines; nothing is inserted then
    ///   on PostgreSQL, and the caller's transaction must roll back on both.
    public func insertInstances(_ instances: [Instance]) throws {
        guard !instances.isEmpty else { return }
        try refusingDuplicates(in: "instance") {
            switch connection.dialect {
            case .sqlite:
                for instance in instances { try insertInstance(instance) }
            case .postgres:
                try connection.execute(
                    """
                    INSERT INTO instance (seriesId, objectId, sopInstanceUID, sopClassUID, instanceNumber,
                      transferSyntaxUID, rows, columns, frames, imagePosition, imageOrientation, pixelSpacing)
                    SELECT * FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]),
                      CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]),
                      CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
                      CAST(? AS TEXT[]))
                    """,
                    [
                        PostgresArray.literal(instances.map { $0.seriesId }),
                        PostgresArray.literal(instances.map { $0.objectId }),
                        PostgresArray.literal(instances.map { $0.sopInstanceUID }),
                        PostgresArray.literal(instances.map { $0.sopClassUID }),
                        PostgresArray.literal(instances.map { $0.instanceNumber }),
                        PostgresArray.literal(instances.map { $0.transferSyntaxUID }),
                        PostgresArray.literal(instances.map { $0.rows }),
                        PostgresArray.literal(instances.map { $0.columns }),
                        PostgresArray.literal(instances.map { $0.frames }),
                        PostgresArray.literal(instances.map { $0.imagePosition }),
                        PostgresArray.literal(instances.map { $0.imageOrientation }),
                        PostgresArray.literal(instances.map { $0.pixelSpacing }),
                    ], cached: true)
            }
        }
    }
}
