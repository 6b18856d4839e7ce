extension CatalogTransaction {
    /// The hold with row id `id`, if any.
    public func hold(id: Int64) throws -> LegalHold? {
        try connection.fetchOne(LegalHold.self, "SELECT * FROM legalHold WHERE id = ?", [id])
    }

    /// Holds newest first, the released ones too when asked, optionally on one dataset only.
    public func holds(datasetId: Int64? = nil, includeReleased: Bool) throws -> [LegalHold] {
        var conditions = ["true"]
        var arguments: CatalogArguments = []
        if !includeReleased { conditions.append("releasedAt IS NULL") }
        if let datasetId {
            conditions.append("datasetId = ?")
            arguments.append(datasetId)
        }
        return try connection.fetchAll(
            LegalHold.self, "SELECT * FROM legalHold WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC",
            arguments)
    }

    /// The active holds covering each object, by object row id.
    ///
    /// A hold on a dataset covers its draft files and every published version's entries; a hold on a
    /// version covers that version's entries, and the draft's files when the version is the draft.
    public func legallyHeldObjects() throws -> [Int64: Set<Int64>] {
        var held: [Int64: Set<Int64>] = [:]
        try connection.visitRows(
            """
            WITH h AS (SELECT id, datasetId, versionId FROM legalHold WHERE releasedAt IS NULL)
            SELECT f.objectId AS objectId, h.id AS holdId FROM h JOIN datasetFile f ON f.datasetId = h.datasetId
            WHERE h.versionId IS NULL
            UNION SELECT e.objectId, h.id FROM h JOIN datasetVersion v ON v.datasetId = h.datasetId
            JOIN versionEntry e ON e.versionId = v.id WHERE h.versionId IS NULL
            UNION SELECT e.objectId, h.id FROM h JOIN versionEntry e ON e.versionId = h.versionId
            UNION SELECT f.objectId, h.id FROM h JOIN datasetVersion v ON v.id = h.versionId AND v.state = 'draft'
            JOIN datasetFile f ON f.datasetId = v.datasetId
            """,
            [], cached: false
        ) { row in
            held[row["objectId"] as Int64, default: []].insert(row["holdId"] as Int64)
            return true
        }
        return held
    }
}
