import Foundation
import GRDB
import Testing

@testable import Catalog

/// `v4-promotion-onePerVersionAndZone` on a lake that already holds repeated promotions: the migration
/// succeeds, executed history stays, and exactly one live promotion is left per version and zone.
@Suite struct PromotionUniquenessMigrationTests {
    @Test func aLakeWithRepeatedPromotionsMigratesAndKeepsOneLivePromotion() throws {
        let path = NSTemporaryDirectory() + "promotions-" + UUID().uuidString + ".sqlite"
        let queue = try DatabaseQueue(path: path)
        try CatalogMigrations.migrator.migrate(queue, upTo: "v3-tiers-staging")
        // Version 1 → curated: promoted four times (the bug), plus a pending repeat.
        // Version 2 → curated: two pending requests and a later approved one; version 2 → training: one
        // pending; version 3 → curated: two rejected ones and a blocked one.
        let rows: [(version: Int, zone: String, state: String)] = [
            (1, "curated", "executed"), (1, "curated", "executed"), (1, "curated", "executed"),
            (1, "curated", "executed"), (1, "curated", "pending"),
            (2, "curated", "pending"), (2, "curated", "pending"), (2, "curated", "approved"),
            (2, "training", "pending"),
            (3, "curated", "rejected"), (3, "curated", "rejected"), (3, "curated", "blocked"),
        ]
        try queue.write { db in
            try db.execute(sql: "INSERT INTO dataset (name, zone, owner, createdAt) VALUES ('ct', 'raw', 'a', 0)")
            for number in 1...3 {
                try db.execute(
                    sql: "INSERT INTO datasetVersion (datasetId, number, state, createdBy, createdAt) VALUES (1, ?, 'published', 'a', 0)",
                    arguments: [number])
            }
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO promotion (datasetId, sourceVersionId, targetZone, requester, state, checks, createdAt,
                          updatedAt)
                        VALUES (1, ?, ?, 'a', ?, '[]', 0, 0)
                        """,
                    arguments: [row.version, row.zone, row.state])
            }
        }
        try queue.close()

        let store = try CatalogStore(path: path)
        let states = try store.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, state, error FROM promotion ORDER BY id").map { row in
                (row["id"] as Int64, row["state"] as String, row["error"] as String?)
            }
        }
        #expect(states.map(\.1) == [
            "executed", "executed", "executed", "executed", "rejected",
            "rejected", "rejected", "approved",
            "pending",
            "rejected", "rejected", "blocked",
        ])
        #expect(states[4].2?.hasPrefix("superseded by executed promotion 1 ") == true, "\(states[4].2 ?? "")")
        #expect(states[5].2?.hasPrefix("superseded by promotion 8 ") == true, "\(states[5].2 ?? "")")
        #expect(states[9].2 == nil, "rows that were already rejected keep their own history")

        // From now on the catalog itself refuses a second live promotion.
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO promotion (datasetId, sourceVersionId, targetZone, requester, state, checks, createdAt, updatedAt)
                    VALUES (1, 2, 'curated', 'a', 'pending', '[]', 0, 0)
                    """)
            }
        }
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO promotion (datasetId, sourceVersionId, targetZone, requester, state, checks, createdAt, updatedAt)
                VALUES (1, 3, 'curated', 'a', 'pending', '[]', 0, 0)
                """)
        }
    }
}
