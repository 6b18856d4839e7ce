import Foundation
import Testing

@testable import Catalog

/// The row helpers requests share, on each engine.
@Suite struct CatalogConnectionRowsTests {
    @Test("Rows map in order, and columns are found by name whatever a row's layout",
        arguments: CatalogEngine.available)
    func rows(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                for name in ["b", "a", "c"] { _ = try tx.addDataset(name, zone: name + "-zone") }
            }
            try store.read { tx throws in
                let sql = "SELECT id, name, zone, owner FROM dataset ORDER BY name"
                let mapped = try tx.connection.mapRows(sql) { row -> String in row["name"] }
                #expect(mapped == ["a", "b", "c"])
                var visited: [String] = []
                try tx.connection.visitRows(sql, [], columns: ["ZONE", "name"]) { row, at in
                    let zone: String = row[at[0]]
                    let name: String = row[at[1]]
                    visited.append("\(name)@\(zone)")
                    return name != "b"
                }
                #expect(visited == ["a@a-zone", "b@b-zone"])
                #expect {
                    try tx.connection.visitRows(sql, [], columns: ["name", "missing"]) { _, _ in true }
                } throws: { error in
                    guard case CatalogError.conversion(_, let column, let found) = error else { return false }
                    return column == "missing" && found == "no such column"
                }
            }
        }
    }
}
