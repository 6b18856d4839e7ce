import Foundation
import GRDB
import Testing

@testable import Catalog

@Suite struct GovernanceMigrationTests {
    let store: CatalogStore

    init() throws {
        store = try CatalogStore(path: NSTemporaryDirectory() + "governance-\(UUID().uuidString).sqlite")
    }

    @Test func createsTheGovernanceTables() throws {
        let tables = try store.reader.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in ["versionManifest", "versionEntry", "promotion", "promotionApproval", "accessGrant", "lineageEdge", "trainingRun"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func aPersonDecidesOncePerPromotion() throws {
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO dataset (name, zone, owner, createdAt) VALUES ('d', 'raw', 'a', 0)")
            try db.execute(sql: "INSERT INTO datasetVersion (datasetId, number, state, createdBy, createdAt) VALUES (1, 1, 'published', 'a', 0)")
            try db.execute(sql: """
                INSERT INTO promotion (datasetId, sourceVersionId, targetZone, requester, state, checks, createdAt, updatedAt)
                VALUES (1, 1, 'curated', 'a', 'pending', '[]', 0, 0)
                """)
            try db.execute(sql: "INSERT INTO promotionApproval (promotionId, approver, decision, createdAt) VALUES (1, 'b', 'approve', 0)")
        }
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO promotionApproval (promotionId, approver, decision, createdAt) VALUES (1, 'b', 'approve', 0)")
            }
        }
    }
}
