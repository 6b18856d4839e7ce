import Foundation
import GRDB

extension CatalogTransaction {
    /// Every flag of the dataset with row id `datasetId`, whatever its target and state.
    public func flags(datasetId: Int64) throws -> [QualityFlag] {
        try QualityFlag.filter(QualityFlag.Columns.datasetId == datasetId).fetchAll(db)
    }
}

extension CatalogTransaction {
    /// Inserts an open flag raised by a rule (author `medlake`) unless the dataset already has one with the
    /// same target and code; returns whether it inserted.
    ///
    /// A partial unique index makes the check and the insert one statement, cached because ingest raises
    /// flags by the thousand.
    public func raiseRuleFlag(
        datasetId: Int64, targetKind: FlagTargetKind, target: String, code: String, severity: FlagSeverity, note: String,
        at now: Date
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO qualityFlag (datasetId, targetKind, target, code, severity, state, source, author, note,
                  createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, 'open', 'rule', 'medlake', ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [datasetId, targetKind.rawValue, target, code, severity.rawValue, note, now, now])
        return db.changesCount > 0
    }
}

extension CatalogTransaction {
    /// The dataset's first `limit` flags, oldest first.
    public func flags(datasetId: Int64, limit: Int) throws -> [QualityFlag] {
        try QualityFlag.filter(QualityFlag.Columns.datasetId == datasetId)
            .order(QualityFlag.Columns.id).limit(limit).fetchAll(db)
    }

    /// The flags on any of `targets` (UIDs, sample names, object hashes, dataset names), oldest first.
    public func flags(targets: [String]) throws -> [QualityFlag] {
        try QualityFlag.filter(targets.contains(QualityFlag.Columns.target)).order(QualityFlag.Columns.id).fetchAll(db)
    }
}

extension CatalogTransaction {
    /// The flag with row id `id`, if any.
    public func flag(id: Int64) throws -> QualityFlag? {
        try QualityFlag.fetchOne(db, key: id)
    }

    /// The flags matching every condition given, oldest first.
    public func flags(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        datasetId: Int64? = nil
    ) throws -> [QualityFlag] {
        var request = QualityFlag.order(QualityFlag.Columns.id)
        if let state { request = request.filter(QualityFlag.Columns.state == state.rawValue) }
        if let severity { request = request.filter(QualityFlag.Columns.severity == severity.rawValue) }
        if let code { request = request.filter(QualityFlag.Columns.code == code) }
        if let target { request = request.filter(QualityFlag.Columns.target == target) }
        if let datasetId { request = request.filter(QualityFlag.Columns.datasetId == datasetId) }
        return try request.fetchAll(db)
    }
}
