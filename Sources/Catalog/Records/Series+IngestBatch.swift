/// Finding or creating the series of a whole ingest batch, and counting their new instances, at once.
extension CatalogTransaction {
    /// The row id of each of `series`, in order: the series its study holds with that Series Instance UID,
    /// or a new row made from the first of `series` naming it (an existing series keeps its facts and its
    /// count), as ``seriesId(studyId:uid:)`` then ``insert(_:)`` for each in turn would give.
    ///
    /// Two statements on PostgreSQL whatever the count (an `INSERT … SELECT … FROM unnest(…)` of the new
    /// ones, then one `SELECT`), rather than two round trips per series; the one-series requests in turn on
    /// SQLite, through its statement cache.
    public func seriesIds(insertingNew series: [Series]) throws -> [Int64] {
        guard !series.isEmpty else { return [] }
        switch connection.dialect {
        case .sqlite:
            var ids: [SeriesKey: Int64] = [:]
            return try series.map { series in
                let key = SeriesKey(series)
                if let id = ids[key] { return id }
                let id = try seriesId(studyId: series.studyId, uid: series.seriesInstanceUID) ?? {
                    var row = series
                    try insert(&row)
                    guard let id = row.id else {
                        throw CatalogError.notFound(kind: "series", id: series.seriesInstanceUID)
                    }
                    return id
                }()
                ids[key] = id
                return id
            }
        case .postgres:
            // The first series naming each key, in order: its row is the one inserted, its id the first assigned.
            var seen: Set<SeriesKey> = []
            let first = series.filter { seen.insert(SeriesKey($0)).inserted }
            let studyIds = PostgresArray.literal(first.map { $0.studyId })
            let uids = PostgresArray.literal(first.map { $0.seriesInstanceUID })
            // Only the missing ones, so an existing series spends no identity value (ids stay as SQLite's).
            try connection.execute(
                """
                INSERT INTO series (datasetId, studyId, seriesInstanceUID, modality, bodyPart, description,
                  instanceCount, frameOfReferenceUID)
                SELECT batch.datasetId, batch.studyId, batch.seriesInstanceUID, batch.modality, batch.bodyPart,
                  batch.description, batch.instanceCount, batch.frameOfReferenceUID
                FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
                  CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS BIGINT[]), CAST(? AS TEXT[]))
                  WITH ORDINALITY AS batch(datasetId, studyId, seriesInstanceUID, modality, bodyPart, description,
                    instanceCount, frameOfReferenceUID, position)
                WHERE NOT EXISTS (
                  SELECT 1 FROM series s
                  WHERE s.studyId = batch.studyId AND s.seriesInstanceUID = batch.seriesInstanceUID)
                ORDER BY batch.position
                ON CONFLICT DO NOTHING
                """,
                [
                    PostgresArray.literal(first.map { $0.datasetId }), studyIds, uids,
                    PostgresArray.literal(first.map { $0.modality }), PostgresArray.literal(first.map { $0.bodyPart }),
                    PostgresArray.literal(first.map { $0.description }),
                    PostgresArray.literal(first.map { $0.instanceCount }),
                    PostgresArray.literal(first.map { $0.frameOfReferenceUID }),
                ], cached: true)
            var ids: [SeriesKey: Int64] = [:]
            try connection.visitRows(
                """
                SELECT s.id, s.studyId, s.seriesInstanceUID FROM series s
                JOIN unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[])) AS batch(studyId, seriesInstanceUID)
                  ON s.studyId = batch.studyId AND s.seriesInstanceUID = batch.seriesInstanceUID
                """,
                [studyIds, uids], cached: true
            ) { row in
                ids[SeriesKey(studyId: row["studyId"], uid: row["seriesInstanceUID"])] = row["id"]
                return true
            }
            return try series.map { series in
                guard let id = ids[SeriesKey(series)] else {
                    throw CatalogError.notFound(kind: "series", id: series.seriesInstanceUID)
                }
                return id
            }
        }
    }

    /// Adds to each series' instance count the number `counts` gives for its row id: ``addInstances(_:seriesId:)``
    /// for each, in one statement on PostgreSQL.
    public func addInstances(_ counts: [Int64: Int]) throws {
        guard !counts.isEmpty else { return }
        // Sorted, so that concurrent batches update the rows in one order.
        let ids = counts.keys.sorted()
        switch connection.dialect {
        case .sqlite:
            for id in ids {
                try addInstances(counts[id] ?? 0, seriesId: id)
            }
        case .postgres:
            try connection.execute(
                """
                UPDATE series SET instanceCount = series.instanceCount + batch.count
                FROM unnest(CAST(? AS BIGINT[]), CAST(? AS BIGINT[])) AS batch(id, count)
                WHERE series.id = batch.id
                """,
                [PostgresArray.literal(ids), PostgresArray.literal(ids.map { counts[$0] })], cached: true)
        }
    }
}

/// The unique key of a `series` row.
private struct SeriesKey: Hashable {
    let studyId: Int64
    let uid: String

    init(studyId: Int64, uid: String) {
        self.studyId = studyId
        self.uid = uid
    }

    init(_ series: Series) {
        self.init(studyId: series.studyId, uid: series.seriesInstanceUID)
    }
}
