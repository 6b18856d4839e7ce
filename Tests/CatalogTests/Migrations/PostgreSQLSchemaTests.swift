import Foundation
import GRDB
import Testing

@testable import Catalog

/// The PostgreSQL DDL of every migration builds the schema the GRDB bodies build: the same tables, columns,
/// types (by the mapping in `CatalogMigrations+PostgreSQL.swift`), nullability and indexes, unique or not.
/// Names are compared lower-cased: PostgreSQL folds the unquoted identifiers. A plain index on a column that
/// leads a unique key is redundant there (the unique key's index serves lookups by that column): GRDB's
/// `belongsTo` makes one, the PostgreSQL DDL leaves it out, so the comparison leaves it out on both sides.
@Suite struct PostgreSQLSchemaTests {
    /// One table as both engines describe it.
    struct Table: Equatable, CustomStringConvertible {
        /// `name type [NOT NULL]` per column, sorted.
        var columns: [String] = []
        /// `[UNIQUE ]col1,col2` per index other than the primary key, sorted.
        var indexes: [String] = []

        /// The table without its redundant indexes (see the suite), columns and indexes sorted.
        var normalized: Table {
            let leadingUnique = Set(indexes.filter { $0.hasPrefix("UNIQUE ") }.compactMap {
                $0.dropFirst("UNIQUE ".count).split(separator: ",").first.map(String.init)
            })
            return Table(
                columns: columns.sorted(),
                indexes: indexes.filter { $0.hasPrefix("UNIQUE ") || $0.contains(",") || !leadingUnique.contains($0) }
                    .sorted())
        }

        var description: String { "columns \(columns) indexes \(indexes)" }
    }

    /// PostgreSQL's name of the type each GRDB column type maps to.
    static let typeMapping = [
        "INTEGER": "bigint", "TEXT": "text", "DATETIME": "timestamp with time zone", "BOOLEAN": "boolean",
        "BLOB": "bytea", "DOUBLE": "double precision",
    ]

    @Test("Every table, column, type and index of the SQLite catalog has its PostgreSQL twin")
    func schemasMatch() throws {
        guard CatalogEngine.available.contains(.postgres) else { return }
        let sqlite = try CatalogEngine.sqlite.withCatalog { store in try store.reader.read(Self.sqliteTables) }
        let postgres = try CatalogEngine.postgres.withCatalog { store in try store.read(Self.postgresTables) }
        #expect(sqlite.keys.sorted() == postgres.keys.sorted())
        for (name, table) in sqlite.sorted(by: { $0.key < $1.key }) {
            #expect(postgres[name] == table, "\(name): SQLite \(table), PostgreSQL \(postgres[name].map(\.description) ?? "missing")")
        }
    }

    static func sqliteTables(_ db: Database) throws -> [String: Table] {
        var tables: [String: Table] = [:]
        let names = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for name in names {
            var table = Table()
            for column in try db.columns(in: name) {
                let type = typeMapping[column.type.uppercased()] ?? "unmapped \(column.type)"
                // An INTEGER PRIMARY KEY is never NULL, declared so or not.
                let notNull = column.isNotNull || column.primaryKeyIndex > 0
                table.columns.append("\(column.name.lowercased()) \(type)\(notNull ? " NOT NULL" : "")")
            }
            for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(name.quotedDatabaseIdentifier))")
            where (index["origin"] as String) != "pk" {
                let columns = try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index["name"] as String])
                let unique = (index["unique"] as Int) == 1
                table.indexes.append((unique ? "UNIQUE " : "") + columns.map { $0.lowercased() }.joined(separator: ","))
            }
            tables[name.lowercased()] = table.normalized
        }
        return tables
    }

    static func postgresTables(_ tx: CatalogTransaction) throws -> [String: Table] {
        var tables: [String: Table] = [:]
        try tx.connection.visitRows(
            """
            SELECT table_name AS tableName, column_name AS columnName, data_type AS dataType, is_nullable AS nullable
            FROM information_schema.columns WHERE table_schema = current_schema()
            """,
            [], cached: false
        ) { row in
            let notNull = (row["nullable"] as String) == "NO"
            tables[row["tableName"], default: Table()].columns.append(
                "\(row["columnName"] as String) \(row["dataType"] as String)\(notNull ? " NOT NULL" : "")")
            return true
        }
        try tx.connection.visitRows(
            """
            SELECT t.relname::text AS tableName, i.indisunique AS isUnique,
              string_agg(a.attname::text, ',' ORDER BY k.ord) AS indexColumns
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            WHERE n.nspname = current_schema() AND NOT i.indisprimary
            GROUP BY t.relname, i.indexrelid, i.indisunique
            """,
            [], cached: false
        ) { row in
            let unique = (row["isUnique"] as Bool)
            tables[row["tableName"], default: Table()].indexes.append(
                (unique ? "UNIQUE " : "") + (row["indexColumns"] as String))
            return true
        }
        return tables.mapValues(\.normalized)
    }
}
