import Foundation

/// Raising the rule flags of a whole ingest batch at once.
extension CatalogTransaction {
    /// ``raiseRuleFlag(datasetId:targetKind:target:code:severity:note:at:)`` for each of `flags`, in order:
    /// whether each was inserted. Of several flags with one dataset, target and code, the first is inserted,
    /// as one call per flag would do. One statement on PostgreSQL (`INSERT … SELECT … FROM unnest(…) …
    /// RETURNING`); the one-flag request per flag on SQLite.
    public func raiseRuleFlags(_ flags: [RuleFlag], at now: Date) throws -> [Bool] {
        guard !flags.isEmpty else { return [] }
        switch connection.dialect {
        case .sqlite:
            return try flags.map { flag in
                try raiseRuleFlag(
                    datasetId: flag.datasetId, targetKind: flag.targetKind, target: flag.target, code: flag.code,
                    severity: flag.severity, note: flag.note, at: now)
            }
        case .postgres:
            var raised: Set<RuleFlagKey> = []
            try connection.visitRows(
                """
                INSERT INTO qualityFlag (datasetId, targetKind, target, code, severity, state, source, author, note,
                  createdAt, updatedAt)
                SELECT batch.datasetId, batch.targetKind, batch.target, batch.code, batch.severity, 'open', 'rule',
                  'medlake', batch.note, CAST(?1 AS TIMESTAMPTZ), CAST(?1 AS TIMESTAMPTZ)
                FROM unnest(CAST(?2 AS BIGINT[]), CAST(?3 AS TEXT[]), CAST(?4 AS TEXT[]), CAST(?5 AS TEXT[]),
                  CAST(?6 AS TEXT[]), CAST(?7 AS TEXT[]))
                  WITH ORDINALITY AS batch(datasetId, targetKind, target, code, severity, note, position)
                ORDER BY batch.position
                ON CONFLICT DO NOTHING
                RETURNING datasetId, target, code
                """,
                [
                    now, PostgresArray.literal(flags.map { $0.datasetId }),
                    PostgresArray.literal(flags.map { $0.targetKind.rawValue }),
                    PostgresArray.literal(flags.map { $0.target }), PostgresArray.literal(flags.map { $0.code }),
                    PostgresArray.literal(flags.map { $0.severity.rawValue }),
                    PostgresArray.literal(flags.map { $0.note }),
                ], cached: true
            ) { row in
                raised.insert(RuleFlagKey(datasetId: row["datasetId"], target: row["target"], code: row["code"]))
                return true
            }
            // A row per (dataset, target, code) inserted, unique: the first flag naming it is the one inserted.
            return flags.map {
                raised.remove(RuleFlagKey(datasetId: $0.datasetId, target: $0.target, code: $0.code)) != nil
            }
        }
    }
}

/// The key of a rule flag: its partial unique index's columns.
private struct RuleFlagKey: Hashable {
    let datasetId: Int64
    let target: String
    let code: String
}
