import Foundation
import GRDB

extension CatalogTransaction {
    /// Every flag of the dataset with row id `datasetId`, whatever its target and state.
    public func flags(datasetId: Int64) throws -> [QualityFlag] {
        try connection.fetchAll(QualityFlag.self, "SELECT * FROM qualityFlag WHERE datasetId = ? ORDER BY id", [datasetId])
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
        try connection.execute(
            """
            INSERT INTO qualityFlag (datasetId, targetKind, target, code, severity, state, source, author, note,
              createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, 'open', 'rule', 'medlake', ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
            [datasetId, targetKind.rawValue, target, code, severity.rawValue, note, now, now], cached: true) > 0
    }
}

extension CatalogTransaction {
    /// The dataset's first `limit` flags, oldest first.
    public func flags(datasetId: Int64, limit: Int) throws -> [QualityFlag] {
        try connection.fetchAll(
            QualityFlag.self, "SELECT * FROM qualityFlag WHERE datasetId = ? ORDER BY id LIMIT ?", [datasetId, limit])
    }

    /// The flags on any of `targets` (UIDs, sample names, object hashes, dataset names), oldest first.
    public func flags(targets: [String]) throws -> [QualityFlag] {
        guard !targets.isEmpty else { return [] }
        return try connection.fetchAll(
            QualityFlag.self, "SELECT * FROM qualityFlag WHERE target IN (\(placeholders(targets.count))) ORDER BY id",
            targets)
    }
}

extension CatalogTransaction {
    /// The flag with row id `id`, if any.
    public func flag(id: Int64) throws -> QualityFlag? {
        try connection.fetchOne(QualityFlag.self, "SELECT * FROM qualityFlag WHERE id = ?", [id])
    }

    /// The flags matching every condition given, oldest first.
    public func flags(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        datasetId: Int64? = nil
    ) throws -> [QualityFlag] {
        var conditions = ["true"]
        var arguments: CatalogArguments = []
        func require(_ column: String, _ value: (any DatabaseValueConvertible)?) {
            guard let value else { return }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        require("state", state?.rawValue)
        require("severity", severity?.rawValue)
        require("code", code)
        require("target", target)
        require("datasetId", datasetId)
        return try connection.fetchAll(
            QualityFlag.self,
            "SELECT * FROM qualityFlag WHERE \(conditions.joined(separator: " AND ")) ORDER BY id", arguments)
    }
}
