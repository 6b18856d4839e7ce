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
/// A transaction from ``CatalogStore/read(_:)`` sees one committed snapshot and cannot write (SQLite
/// rejects a write on a read-only connection); one from ``CatalogStore/write(_:)`` commits when its
/// closure returns and rolls back when it throws, so a change and its audit event land together.
///
/// - warning: A transaction **is not thread-safe** and is valid only inside the closure that received it:
///   never store it or hand it to another thread.
///
/// ## A second store
/// The request methods are the store interface: every statement the engine runs is one of them, so a
/// PostgreSQL store implements the same method list (see `docs/modules/catalog.md`).
public struct CatalogTransaction {
    /// The SQLite connection. Internal: only `Catalog`'s request methods speak SQL.
    let db: Database

    init(_ db: Database) {
        self.db = db
    }
}
