import GRDB

/// The open flags on one listed row (a series, or a study with its series): the worst severity and how
/// many, read with the row by the listing's own query so a page carries its rows' flags however many open
/// flags the lake holds elsewhere.
public struct OpenFlagTally: Codable, Sendable, Hashable {
    public var worst: FlagSeverity
    public var count: Int

    public init(worst: FlagSeverity, count: Int) {
        self.worst = worst
        self.count = count
    }

    /// The tally read from a row selecting ``columns(where:)``; nil when the row has no open flag.
    init?(row: Row) {
        let count: Int = row["openFlagCount"] ?? 0
        let rank: Int = row["worstOpenFlag"] ?? 0
        guard count > 0 else { return nil }
        self.init(worst: Self.severities.indices.contains(rank) ? Self.severities[rank] : .blocking, count: count)
    }

    /// Two correlated subqueries naming `openFlagCount` and `worstOpenFlag` (the rank of the worst
    /// severity), over `flags`: one or more `SELECT`s (joined by `UNION ALL`) of the `severity` of open flags
    /// `f` tied to the listed row by their target, each answered through the `qualityFlag(target)` index.
    ///
    /// A `SELECT` should compare the dataset as `+f.datasetId` (a no-op on both engines): SQLite, without
    /// statistics, would otherwise read every flag of the dataset through `qualityFlag(datasetId)` per row.
    static func columns(over flags: [String]) -> String {
        let rank = "CASE fo.severity " + severities.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }
            .joined(separator: " ") + " END"
        let source = "FROM (" + flags.joined(separator: " UNION ALL ") + ") AS fo"
        return "(SELECT COUNT(*) \(source)) AS openFlagCount, (SELECT MAX(\(rank)) \(source)) AS worstOpenFlag"
    }

    /// Severities from least to most serious: a rank is an index here.
    private static let severities: [FlagSeverity] = [.info, .warning, .blocking]
}
