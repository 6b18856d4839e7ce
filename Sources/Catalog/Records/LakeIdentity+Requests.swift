import Foundation

extension CatalogTransaction {
    /// The id of the lake this catalog belongs to, nil when it records none (a lake made before ids).
    public func lakeIdentity() throws -> String? {
        try connection.fetchValue(String.self, "SELECT lakeId FROM lakeIdentity WHERE id = 1")
    }

    /// Records the id of the lake this catalog belongs to (once: the row's key is fixed).
    /// - Throws: ``CatalogError/duplicate(table:)`` when the catalog already records one.
    public func recordLakeIdentity(_ id: String) throws {
        try refusingDuplicates(in: "lakeIdentity") {
            try connection.execute(
                "INSERT INTO lakeIdentity (id, lakeId, recordedAt) VALUES (1, ?, ?)", [id, Date()], cached: false)
        }
    }
}
