/// Finding or creating the studies of a whole ingest batch at once.
extension CatalogTransaction {
    /// The row id of each of `studies`, in order: the study its dataset holds with that Study Instance UID,
    /// or a new row made from the first of `studies` naming it (an existing study keeps its facts), as
    /// ``studyId(datasetId:uid:)`` then ``insert(_:)`` for each in turn would give.
    ///
    /// Two statements on PostgreSQL whatever the count (an `INSERT … SELECT … FROM unnest(…)` of the new
    /// ones, then one `SELECT`), rather than two round trips per study; the one-study requests in turn on
    /// SQLite, through its statement cache.
    public func studyIds(insertingNew studies: [Study]) throws -> [Int64] {
        guard !studies.isEmpty else { return [] }
        switch connection.dialect {
        case .sqlite:
            var ids: [StudyKey: Int64] = [:]
            return try studies.map { study in
                let key = StudyKey(study)
                if let id = ids[key] { return id }
                let id = try studyId(datasetId: study.datasetId, uid: study.studyInstanceUID) ?? {
                    var row = study
                    try insert(&row)
                    guard let id = row.id else {
                        throw CatalogError.notFound(kind: "study", id: study.studyInstanceUID)
                    }
                    return id
                }()
                ids[key] = id
                return id
            }
        case .postgres:
            // The first study naming each key, in order: its row is the one inserted, its id the first assigned.
            var seen: Set<StudyKey> = []
            let first = studies.filter { seen.insert(StudyKey($0)).inserted }
            let datasetIds = PostgresArray.literal(first.map { $0.datasetId })
            let uids = PostgresArray.literal(first.map { $0.studyInstanceUID })
            // Only the missing ones, so an existing study spends no identity value (ids stay as SQLite's).
            try connection.execute(
                """
                INSERT INTO study (datasetId, studyInstanceUID, patientPseudonym, studyDate, description)
                SELECT batch.datasetId, batch.studyInstanceUID, batch.patientPseudonym, batch.studyDate,
                  batch.description
                FROM unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
                  CAST(? AS TEXT[]))
                  WITH ORDINALITY
                  AS batch(datasetId, studyInstanceUID, patientPseudonym, studyDate, description, position)
                WHERE NOT EXISTS (
                  SELECT 1 FROM study s
                  WHERE s.datasetId = batch.datasetId AND s.studyInstanceUID = batch.studyInstanceUID)
                ORDER BY batch.position
                ON CONFLICT DO NOTHING
                """,
                [
                    datasetIds, uids, PostgresArray.literal(first.map { $0.patientPseudonym }),
                    PostgresArray.literal(first.map { $0.studyDate }),
                    PostgresArray.literal(first.map { $0.description }),
                ], cached: true)
            var ids: [StudyKey: Int64] = [:]
            try connection.visitRows(
                """
                SELECT s.id, s.datasetId, s.studyInstanceUID FROM study s
                JOIN unnest(CAST(? AS BIGINT[]), CAST(? AS TEXT[])) AS batch(datasetId, studyInstanceUID)
                  ON s.datasetId = batch.datasetId AND s.studyInstanceUID = batch.studyInstanceUID
                """,
                [datasetIds, uids], cached: true
            ) { row in
                ids[StudyKey(datasetId: row["datasetId"], uid: row["studyInstanceUID"])] = row["id"]
                return true
            }
            return try studies.map { study in
                guard let id = ids[StudyKey(study)] else {
                    throw CatalogError.notFound(kind: "study", id: study.studyInstanceUID)
                }
                return id
            }
        }
    }
}

/// The unique key of a `study` row.
private struct StudyKey: Hashable {
    let datasetId: Int64
    let uid: String

    init(datasetId: Int64, uid: String) {
        self.datasetId = datasetId
        self.uid = uid
    }

    init(_ study: Study) {
        self.init(datasetId: study.datasetId, uid: study.studyInstanceUID)
    }
}
