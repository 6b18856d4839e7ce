import GRDB

extension CatalogError {
    /// `error` as ``duplicate(table:)`` when a unique or primary-key constraint of `table` refused the row,
    /// on either engine; any other error unchanged.
    ///
    /// SQLite reports the refusal as a GRDB `DatabaseError` (`SQLITE_CONSTRAINT_UNIQUE` or `_PRIMARYKEY`), the
    /// PostgreSQL seam as ``postgres(url:sqlState:message:)`` with SQLSTATE 23505: callers see one case.
    ///
    /// - Note: The engines differ in what follows: SQLite's transaction goes on, PostgreSQL's is aborted (every
    ///   later statement fails until it rolls back). So a caller lets a duplicate end its write transaction,
    ///   and checks first when it means to carry on (as every request that inserts a unique key does).
    static func mappingDuplicate(_ error: any Error, table: String) -> any Error {
        switch error {
        case let error as DatabaseError
        where [.SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY].contains(error.extendedResultCode):
            return CatalogError.duplicate(table: table)
        case CatalogError.postgres(_, "23505", _):
            return CatalogError.duplicate(table: table)
        default:
            return error
        }
    }
}

extension CatalogTransaction {
    /// Runs `body`, which writes rows of `table`, reporting a unique-key refusal as
    /// ``CatalogError/duplicate(table:)`` on both engines.
    @discardableResult
    func refusingDuplicates<T>(in table: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CatalogError.mappingDuplicate(error, table: table)
        }
    }
}
