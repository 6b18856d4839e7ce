/// How many rows one catalog table holds: what a copy checked on both sides.
public struct CatalogTableCount: Sendable, Hashable, Codable {
    /// The table's name, as the catalog's schema spells it (`datasetVersion`).
    public var table: String
    public var rows: Int

    public init(table: String, rows: Int) {
        self.table = table
        self.rows = rows
    }
}
