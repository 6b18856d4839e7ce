import GRDB

/// The one place where the catalog's two engines differ: a connection inside an open transaction that runs
/// seam SQL (see ``CatalogDialect``), hands rows back as GRDB `Row`s, and writes whole records.
///
/// Every request is written once, on ``CatalogTransaction/connection``: its SQL is the subset SQLite and
/// PostgreSQL both run (`?` placeholders, `COALESCE`, `ON CONFLICT … DO NOTHING`, `RETURNING`, `true`/`false`),
/// and the few constructs that differ come from ``dialect``. Rows come back as GRDB `Row`s on both engines,
/// so every record decodes through its `FetchableRecord` conformance unchanged. SQLite runs the statements
/// through GRDB as before (cached statements, cursors); PostgreSQL builds each `Row` from the server's row.
///
/// Rules for seam SQL, because PostgreSQL builds its rows by column name:
/// - read columns by name, and select each name once (`d.name AS datasetName, v.*`, not `d.*, v.*`);
/// - write identifiers unquoted: PostgreSQL folds them to lower case, and GRDB's rows look names up without
///   regard to case;
/// - booleans are `true`/`false`, never `1`/`0`; case-insensitive matching uses ``CatalogDialect/like``.
///
/// - warning: A connection **is not thread-safe** and is valid only inside the transaction that received it.
protocol CatalogConnection {
    /// Which engine runs the statements, for the few places where their SQL differs.
    var dialect: CatalogDialect { get }

    /// Runs `sql` (one statement); returns the number of rows it changed. `cached` keeps the prepared statement
    /// for the next call, for statements a hot path runs many times.
    @discardableResult
    func execute(_ sql: String, _ arguments: CatalogArguments, cached: Bool) throws -> Int

    /// Calls `body` with each row `sql` yields, until it returns false. The row is valid only during the
    /// call (`row.copy()` keeps it).
    func visitRows(_ sql: String, _ arguments: CatalogArguments, cached: Bool, _ body: (Row) throws -> Bool) throws

    /// The records `sql` yields, decoded by their `FetchableRecord` conformance.
    func fetchAll<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Record]

    /// The first column of each row `sql` yields; a NULL or a value of another type throws.
    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Value]

    /// The first column of the first row `sql` yields: nil when there is no row or the value is NULL.
    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> Value?

    /// Inserts `record` from the columns it encodes and reads it back (its assigned id, its defaults).
    func insert<Record: MutablePersistableRecord & FetchableRecord>(_ record: inout Record) throws

    /// Writes every column `record` encodes to the row with its primary key.
    func update<Record: MutablePersistableRecord>(_ record: Record) throws

    /// Deletes the row with `record`'s primary key; returns whether there was one.
    func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool

    /// Runs `body` once the transaction has committed (never if it rolls back).
    func afterCommit(_ body: @escaping @Sendable () -> Void)
}

// MARK: - Fetching

extension CatalogConnection {
    /// The first record `sql` yields, if any.
    func fetchOne<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments = [], cached: Bool = false
    ) throws -> Record? {
        var found: Record?
        try visitRows(sql, arguments, cached: cached) { row in
            found = try Record(row: row)
            return false
        }
        return found
    }

    /// The records `sql` yields, without caching its statement.
    func fetchAll<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> [Record] {
        try fetchAll(type, sql, arguments, cached: false)
    }

    /// ``fetchValues(_:_:_:cached:)`` with defaults: no arguments, no statement cache.
    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> [Value] {
        try fetchValues(type, sql, arguments, cached: false)
    }

    /// ``fetchValue(_:_:_:cached:)`` with defaults: no arguments, no statement cache.
    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments = []
    ) throws -> Value? {
        try fetchValue(type, sql, arguments, cached: false)
    }

    /// The first column of `row` (seam SQL selects one), for engines that build values from rows.
    static func firstColumn<Value: DatabaseValueConvertible>(
        of row: Row, as type: Value.Type, sql: String
    ) throws -> Value {
        let value: DatabaseValue = row[0]
        guard let converted = Value.fromDatabaseValue(value) else {
            throw CatalogError.conversion(sql: sql, column: row.columnNames.first ?? "", found: value.kindName)
        }
        return converted
    }
}

// MARK: - Arguments

extension CatalogTransaction {
    /// `count` placeholders separated by commas, for an `IN (…)` list of that many arguments.
    func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// `column IN (?, …)` for `ids`, or a condition no row meets when there are none (an empty `IN ()` is a
    /// syntax error on PostgreSQL).
    func member(_ column: String, of ids: Set<Int64>) -> String {
        ids.isEmpty ? "false" : "\(column) IN (\(placeholders(ids.count)))"
    }
}

/// The values bound to a seam statement's `?` placeholders, in order; nil binds NULL.
typealias CatalogArguments = [(any DatabaseValueConvertible)?]

extension DatabaseValue {
    /// The kind of value this is, for errors that must not show the value itself.
    var kindName: String {
        switch storage {
        case .null: "NULL"
        case .int64: "an integer"
        case .double: "a real"
        case .string: "text"
        case .blob: "a blob"
        }
    }
}
