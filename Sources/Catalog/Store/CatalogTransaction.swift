import GRDB

/// One transaction on the catalog: the value every catalog request is a method of.
///
/// Code outside `Catalog` never writes SQL: it asks the store for a transaction and calls requests on it,
/// each defined beside its record (`Records/Dataset+Requests.swift` holds ``dataset(named:)``, and so on).
///
/// ```swift
/// let dataset = try store.read { tx in try tx.dataset(named: "chest-ct") }
/// try store.write { tx in try tx.insert(&flag) }
/// ```
///
/// A transaction from ``CatalogStore/read(_:)`` sees one committed snapshot and cannot write (both engines
/// reject a write in a read-only transaction); one from ``CatalogStore/write(_:)`` commits when its closure
/// returns and rolls back when it throws, so a change and its audit event land together.
///
/// - warning: A transaction **is not thread-safe** and is valid only inside the closure that received it:
///   never store it or hand it to another thread.
///
/// ## Two engines
/// A request is written once, in seam SQL on ``connection``, and runs on SQLite and on PostgreSQL alike
/// (see ``CatalogConnection`` and `docs/modules/catalog.md`).
public struct CatalogTransaction {
    /// The connection every request speaks through. Internal: only `Catalog` speaks SQL.
    let connection: any CatalogConnection

    /// A transaction on SQLite, through GRDB.
    init(_ db: Database) {
        connection = SQLiteCatalogConnection(db: db)
    }

    /// A transaction on another engine's connection.
    init(connection: any CatalogConnection) {
        self.connection = connection
    }
}
