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
        datasetId: Int64, targetKind: String, target: String, code: String, severity: String, note: String,
        at now: Date
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO qualityFlag (datasetId, targetKind, target, code, severity, state, source, author, note,
                  createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, 'open', 'rule', 'medlake', ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [datasetId, targetKind, target, code, severity, note, now, now])
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
