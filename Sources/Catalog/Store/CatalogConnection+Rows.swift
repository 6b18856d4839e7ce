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
}
