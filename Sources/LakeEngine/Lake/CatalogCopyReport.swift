import Catalog

/// What `medlake catalog copy` did: where the catalog now lives, each table's row count (equal on both
/// sides), the audit chain as checked on the copy, and where the SQLite catalog was kept.
public struct CatalogCopyReport: Sendable, Hashable, Codable {
    /// The PostgreSQL catalog `lake.toml` now names (no password).
    public var url: String
    public var tables: [CatalogTableCount]
    /// Events in the copied audit log, its `catalog.copy` event included.
    public var auditEvents: Int
    /// The hash of the copy's newest audit event, the same as the SQLite catalog's.
    public var auditHead: String
    /// The SQLite catalog's new name (`catalog.sqlite.copied-<UTC time>`): it is kept, never deleted.
    public var keptCatalog: String
}
