import GRDB

extension CatalogConnection {
    /// `transform` of each row `sql` yields, in order: for results that are not one record (a record with
    /// columns from joined tables, a few columns read by name). The row is valid only during the call.
    func mapRows<Value>(
        _ sql: String, _ arguments: CatalogArguments = [], _ transform: (Row) throws -> Value
    ) throws -> [Value] {
        var values: [Value] = []
        try visitRows(sql, arguments, cached: false) { row in
            values.append(try transform(row))
            return true
        }
        return values
    }

    /// ``visitRows(_:_:cached:_:)`` for a loop over very many rows: `body` gets each row with the positions
    /// of `columns` in it, in their order, so it reads `row[positions[0]]` instead of looking a name up in
    /// every row (a name lookup per value made the slice geometry scan half again as slow on SQLite).
    ///
    /// SQLite's rows all have their statement's layout, so the names are looked up in the first row only;
    /// PostgreSQL's rows are built by name, in no set order, so there each row's positions are looked up.
    /// Names match without regard to case, as GRDB's do (PostgreSQL folds unquoted names to lower case).
    /// - Throws: ``CatalogError/conversion(sql:column:found:)`` when a row lacks one of `columns`.
    func visitRows(
        _ sql: String, _ arguments: CatalogArguments, columns: [String], _ body: (Row, [Int]) throws -> Bool
    ) throws {
        let sameLayout = dialect == .sqlite
        var positions: [Int] = []
        try visitRows(sql, arguments, cached: false) { row in
            if positions.isEmpty || !sameLayout {
                let names = Array(row.columnNames).map { $0.lowercased() }
                positions = try columns.map { column in
                    guard let position = names.firstIndex(of: column.lowercased()) else {
                        throw CatalogError.conversion(sql: sql, column: column, found: "no such column")
                    }
                    return position
                }
            }
            return try body(row, positions)
        }
    }
}
