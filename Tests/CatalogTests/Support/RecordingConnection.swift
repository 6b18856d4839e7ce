import GRDB

@testable import Catalog

/// A connection that passes everything to a real one and keeps the text and arguments of each SQL statement
/// it runs (record writes pass through unrecorded), so a test can read the engine's plan of exactly the
/// statements a request ran (see ``QueryPlanTests``).
///
/// - warning: Like the connection it wraps, it **is not thread-safe** and is valid only inside the
///   transaction that handed out `base`.
final class RecordingConnection: CatalogConnection {
    /// A statement a request ran, with the values bound to its placeholders.
    struct Statement {
        var sql: String
        var arguments: CatalogArguments
    }

    let base: any CatalogConnection
    private(set) var statements: [Statement] = []

    init(_ base: any CatalogConnection) {
        self.base = base
    }

    var dialect: CatalogDialect { base.dialect }

    func execute(_ sql: String, _ arguments: CatalogArguments, cached: Bool) throws -> Int {
        statements.append(Statement(sql: sql, arguments: arguments))
        return try base.execute(sql, arguments, cached: cached)
    }

    func visitRows(_ sql: String, _ arguments: CatalogArguments, cached: Bool, _ body: (Row) throws -> Bool) throws {
        statements.append(Statement(sql: sql, arguments: arguments))
        try base.visitRows(sql, arguments, cached: cached, body)
    }

    func fetchAll<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Record] {
        statements.append(Statement(sql: sql, arguments: arguments))
        return try base.fetchAll(type, sql, arguments, cached: cached)
    }

    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Value] {
        statements.append(Statement(sql: sql, arguments: arguments))
        return try base.fetchValues(type, sql, arguments, cached: cached)
    }

    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> Value? {
        statements.append(Statement(sql: sql, arguments: arguments))
        return try base.fetchValue(type, sql, arguments, cached: cached)
    }

    func insert<Record: MutablePersistableRecord & FetchableRecord>(_ record: inout Record) throws {
        try base.insert(&record)
    }

    func update<Record: MutablePersistableRecord>(_ record: Record) throws {
        try base.update(record)
    }

    func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool {
        try base.delete(record)
    }

    func afterCommit(_ body: @escaping @Sendable () -> Void) {
        base.afterCommit(body)
    }
}
