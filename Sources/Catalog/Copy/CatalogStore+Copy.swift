import GRDB
import Logging

/// Copying a SQLite catalog into PostgreSQL (`medlake catalog copy --to postgres://…`).
///
/// ```swift
/// let target = try CatalogStore.emptyPostgres(location, password: password)
/// let (counts, _) = try sqlite.write { tx in
///     try tx.copyCatalog(into: target) { copy in /* check the copy before it commits */ }
/// }
/// ```
///
/// The copy is one PostgreSQL transaction: every table, parents before children, rows with their ids, then
/// each identity sequence set past the largest id, then the row counts compared table by table, then the
/// caller's check. Any failure rolls it all back, leaving the target as empty as it was.
extension CatalogStore {
    /// Opens the PostgreSQL catalog at `location` as the target of a copy: it must hold no row (its tables,
    /// when they exist, all empty), which is checked before the schema is migrated, so a catalog that holds
    /// another lake's rows is refused with nothing changed.
    /// - Throws: ``CatalogError/catalogNotEmpty(url:table:lake:)``, ``CatalogError/postgres(url:sqlState:message:)``.
    public static func emptyPostgres(
        _ location: PostgresCatalogLocation, password: String?, logger: Logger = CatalogStore.silentLogger
    ) throws -> CatalogStore {
        let pool = try PostgresCatalogPool(location: location, password: password, logger: logger, migrating: false)
        try pool.read { tx in try tx.requireNoRows(location) }
        try pool.migrate()
        return CatalogStore(postgres: pool)
    }
}

extension CatalogTransaction {
    /// Copies every table of this SQLite catalog into `target` (a PostgreSQL catalog from
    /// ``CatalogStore/emptyPostgres(_:password:logger:)``) in one write transaction of `target`, then calls
    /// `check` with that transaction before it commits; returns each table's row count and what `check`
    /// returned.
    ///
    /// Run it in a write transaction of the source (``CatalogStore/write(_:)``): the source is then one
    /// snapshot no other process can write to until the copy is done, and what the caller wrote in it (an
    /// audit event) is copied too.
    /// - Throws: ``CatalogError/copySourceNotSQLite``, ``CatalogError/catalogNotEmpty(url:table:lake:)``,
    ///   ``CatalogError/copyMismatch(table:reason:)`` (a table or column one side lacks, or counts that differ
    ///   after the copy), what `check` throws, or either engine's errors.
    public func copyCatalog<Checked>(
        into target: CatalogStore, check: (CatalogTransaction) throws -> Checked
    ) throws -> (tables: [CatalogTableCount], checked: Checked) {
        guard connection.dialect == .sqlite else { throw CatalogError.copySourceNotSQLite }
        let tables = try sqliteTablesInCopyOrder()
        return try target.write { copy in
            guard let location = (copy.connection as? PostgresCatalogConnection)?.location else {
                throw CatalogError.copyMismatch(table: "", reason: "the target of a copy must be a PostgreSQL catalog")
            }
            try copy.requireNoRows(location)
            let targetColumns = try copy.postgresColumns(schema: location.schema)
            var counts: [CatalogTableCount] = []
            for table in tables {
                guard let columns = targetColumns[table.lowercased()] else {
                    throw CatalogError.copyMismatch(table: table, reason: "the PostgreSQL catalog has no such table")
                }
                let copied = try copyRows(of: table, into: copy, targetColumns: columns)
                let source =
                    try connection.fetchValue(Int.self, "SELECT COUNT(*) FROM \(connection.dialect.quoted(table))") ?? 0
                let written =
                    try copy.connection.fetchValue(
                        Int.self, "SELECT COUNT(*) FROM \(copy.connection.dialect.quoted(table))") ?? 0
                guard source == copied, written == copied else {
                    throw CatalogError.copyMismatch(
                        table: table, reason: "\(source) rows in SQLite, \(copied) read, \(written) in PostgreSQL")
                }
                counts.append(CatalogTableCount(table: table, rows: written))
            }
            if let extra = Set(targetColumns.keys).subtracting(tables.map { $0.lowercased() } + ["grdb_migrations"])
                .min()
            {
                throw CatalogError.copyMismatch(table: extra, reason: "the SQLite catalog has no such table")
            }
            try copy.advanceIdentities(schema: location.schema)
            return (counts, try check(copy))
        }
    }

    // MARK: - Source

    /// The source's tables (not SQLite's own, not the migration ledger, which the target keeps itself),
    /// each after the tables its foreign keys name, so every row's parent is copied before it.
    private func sqliteTablesInCopyOrder() throws -> [String] {
        let names = try connection.fetchValues(
            String.self,
            """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name <> 'grdb_migrations' ORDER BY name
            """)
        var parents: [String: Set<String>] = [:]
        for name in names {
            let referenced = try connection.fetchValues(
                String.self, "SELECT \"table\" FROM pragma_foreign_key_list(?)", [name])
            parents[name] = Set(referenced).subtracting([name])
        }
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < names.count {
            guard
                let next = names.first(where: { !placed.contains($0) && parents[$0, default: []].isSubset(of: placed) })
            else {
                let cycle = names.filter { !placed.contains($0) }.joined(separator: ", ")
                throw CatalogError.copyMismatch(table: cycle, reason: "foreign keys form a cycle")
            }
            ordered.append(next)
            placed.insert(next)
        }
        return ordered
    }

    /// Copies `table`'s rows in row order (a table referencing itself names older rows) in multi-row
    /// `INSERT`s, ids included; returns how many rows were read. Names are quoted on both sides: some
    /// columns are keywords to SQLite (`commit`).
    private func copyRows(of table: String, into copy: CatalogTransaction, targetColumns: Set<String>) throws -> Int {
        let columns = try connection.fetchValues(
            String.self, "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table])
        if let missing = columns.first(where: { !targetColumns.contains($0.lowercased()) }) {
            throw CatalogError.copyMismatch(table: table, reason: "the PostgreSQL catalog has no column \(missing)")
        }
        // PostgreSQL takes at most 65,535 parameters per statement.
        let rowsPerStatement = max(1, min(500, 60_000 / max(columns.count, 1)))
        let sourceNames = columns.map(connection.dialect.quoted).joined(separator: ", ")
        let targetNames = columns.map(copy.connection.dialect.quoted).joined(separator: ", ")
        let targetTable = copy.connection.dialect.quoted(table)
        let rowPlaceholder = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var pending: CatalogArguments = []
        var pendingRows = 0
        var total = 0
        func flush() throws {
            guard pendingRows > 0 else { return }
            let values = Array(repeating: rowPlaceholder, count: pendingRows).joined(separator: ", ")
            try copy.connection.execute(
                "INSERT INTO \(targetTable) (\(targetNames)) VALUES \(values)", pending, cached: false)
            pending.removeAll(keepingCapacity: true)
            pendingRows = 0
        }
        let sourceTable = connection.dialect.quoted(table)
        try connection.visitRows("SELECT \(sourceNames) FROM \(sourceTable) ORDER BY rowid", [], cached: false) { row in
            // By position: this is SQLite's row, in the order the statement selects.
            for index in columns.indices { pending.append(row[index] as DatabaseValue) }
            pendingRows += 1
            total += 1
            if pendingRows == rowsPerStatement { try flush() }
            return true
        }
        try flush()
        return total
    }

    // MARK: - Target

    /// Refuses a catalog with a row in any table but the migration ledger, naming the lake it belongs to
    /// when its `lakeIdentity` says. The schema is named, not taken from `current_schema()`, which is NULL
    /// before the schema exists.
    fileprivate func requireNoRows(_ location: PostgresCatalogLocation) throws {
        let url = location.description
        let tables = try connection.fetchValues(
            String.self,
            """
            SELECT CAST(table_name AS text) FROM information_schema.tables WHERE table_schema = ?
            AND table_type = 'BASE TABLE' AND table_name <> 'grdb_migrations' ORDER BY table_name
            """, [location.schema])
        for table in tables {
            let name = location.schema + "." + connection.dialect.quoted(table)
            let sample = "SELECT COUNT(*) FROM (SELECT 1 FROM \(name) LIMIT 1) AS t"
            guard try connection.fetchValue(Int.self, sample) ?? 0 > 0 else { continue }
            let lake =
                tables.contains("lakeidentity")
                ? try connection.fetchValue(
                    String.self, "SELECT lakeId FROM \(location.schema).lakeIdentity WHERE id = 1") : nil
            throw CatalogError.catalogNotEmpty(url: url, table: table, lake: lake)
        }
    }

    /// The target's columns by table, lower-cased as PostgreSQL names them.
    private func postgresColumns(schema: String) throws -> [String: Set<String>] {
        var columns: [String: Set<String>] = [:]
        try connection.visitRows(
            """
            SELECT CAST(table_name AS text) AS table_name, CAST(column_name AS text) AS column_name
            FROM information_schema.columns WHERE table_schema = ?
            """, [schema], cached: false
        ) { row in
            // By name: PostgreSQL's rows are built by column name, in no particular order.
            columns[row["table_name"] as String, default: []].insert(row["column_name"] as String)
            return true
        }
        return columns
    }

    /// Sets every identity column's sequence past the largest id copied, so the next row the catalog
    /// inserts gets a new id rather than a copied one's.
    private func advanceIdentities(schema: String) throws {
        var identities: [(table: String, column: String)] = []
        try connection.visitRows(
            """
            SELECT CAST(table_name AS text) AS table_name, CAST(column_name AS text) AS column_name
            FROM information_schema.columns WHERE table_schema = ? AND is_identity = 'YES' ORDER BY table_name
            """, [schema], cached: false
        ) { row in
            identities.append((row["table_name"], row["column_name"]))
            return true
        }
        for (table, column) in identities {
            try connection.execute(
                """
                SELECT setval(pg_get_serial_sequence(CAST(? AS text), CAST(? AS text)),
                    COALESCE((SELECT MAX(\(column)) FROM \(schema).\(table)), 0) + 1, false)
                """, [schema + "." + table, column], cached: false)
        }
    }
}
