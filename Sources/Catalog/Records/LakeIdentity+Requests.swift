import Foundation
import GRDB

extension CatalogTransaction {
    /// The id of the lake this catalog belongs to, nil when it records none (a lake made before ids).
    public func lakeIdentity() throws -> String? {
        try String.fetchOne(db, sql: "SELECT lakeId FROM lakeIdentity WHERE id = 1")
    }

    /// Records the id of the lake this catalog belongs to (once: the row's key is fixed).
    public func recordLakeIdentity(_ id: String) throws {
        try db.execute(sql: "INSERT INTO lakeIdentity (id, lakeId, recordedAt) VALUES (1, ?, ?)", arguments: [id, Date()])
    }
}
