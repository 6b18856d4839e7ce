import GRDB

/// The SQLite side of the seam: seam SQL runs through GRDB on the transaction's `Database`, exactly as the
/// requests ran before the seam (statement cache, cursors, GRDB's own record persistence), so the embedded
/// store keeps its speed.
struct SQLiteCatalogConnection: CatalogConnection {
    let db: Database

    var dialect: CatalogDialect { .sqlite }

    private func statement(_ sql: String, cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    func execute(_ sql: String, _ arguments: CatalogArguments, cached: Bool) throws -> Int {
        try statement(sql, cached: cached).execute(arguments: StatementArguments(arguments))
        return db.changesCount
    }

    func visitRows(_ sql: String, _ arguments: CatalogArguments, cached: Bool, _ body: (Row) throws -> Bool) throws {
        let rows = try Row.fetchCursor(statement(sql, cached: cached), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            guard try body(row) else { return }
        }
    }

    func fetchAll<Record: FetchableRecord>(
        _ type: Record.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Record] {
        try Record.fetchAll(statement(sql, cached: cached), arguments: StatementArguments(arguments))
    }

    func fetchValues<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> [Value] {
        try Value.fetchAll(statement(sql, cached: cached), arguments: StatementArguments(arguments))
    }

    func fetchValue<Value: DatabaseValueConvertible>(
        _ type: Value.Type, _ sql: String, _ arguments: CatalogArguments, cached: Bool
    ) throws -> Value? {
        try Value.fetchOne(statement(sql, cached: cached), arguments: StatementArguments(arguments))
    }

    func insert<Record: MutablePersistableRecord & FetchableRecord>(_ record: inout Record) throws {
        try record.insert(db)
    }

    func update<Record: MutablePersistableRecord>(_ record: Record) throws {
        try record.update(db)
    }

    func delete<Record: MutablePersistableRecord>(_ record: Record) throws -> Bool {
        try record.delete(db)
    }

    func afterCommit(_ body: @escaping @Sendable () -> Void) {
        db.afterNextTransaction(onCommit: { _ in body() })
    }
}
