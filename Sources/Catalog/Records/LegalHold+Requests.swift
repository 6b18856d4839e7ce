import GRDB

extension CatalogTransaction {
    /// The hold with row id `id`, if any.
    public func hold(id: Int64) throws -> LegalHold? {
        try LegalHold.fetchOne(db, key: id)
    }

    /// Holds newest first, the released ones too when asked, optionally on one dataset only.
    public func holds(datasetId: Int64? = nil, includeReleased: Bool) throws -> [LegalHold] {
        var request = LegalHold.order(LegalHold.Columns.id.desc)
        if !includeReleased { request = request.filter(LegalHold.Columns.releasedAt == nil) }
        if let datasetId { request = request.filter(LegalHold.Columns.datasetId == datasetId) }
        return try request.fetchAll(db)
    }

    /// The active holds covering each object, by object row id.
    ///
    /// A hold on a dataset covers its draft files and every published version's entries; a hold on a
    /// version covers that version's entries, and the draft's files when the version is the draft.
    public func legallyHeldObjects() throws -> [Int64: Set<Int64>] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH h AS (SELECT id, datasetId, versionId FROM legalHold WHERE releasedAt IS NULL)
                SELECT f.objectId, h.id FROM h JOIN datasetFile f ON f.datasetId = h.datasetId
                WHERE h.versionId IS NULL
                UNION SELECT e.objectId, h.id FROM h JOIN datasetVersion v ON v.datasetId = h.datasetId
                JOIN versionEntry e ON e.versionId = v.id WHERE h.versionId IS NULL
                UNION SELECT e.objectId, h.id FROM h JOIN versionEntry e ON e.versionId = h.versionId
                UNION SELECT f.objectId, h.id FROM h JOIN datasetVersion v ON v.id = h.versionId AND v.state = 'draft'
                JOIN datasetFile f ON f.datasetId = v.datasetId
                """)
        var held: [Int64: Set<Int64>] = [:]
        for row in rows { held[row[0] as Int64, default: []].insert(row[1] as Int64) }
        return held
    }
}
