import Foundation
import GRDB
import Testing

@testable import Catalog

@Suite struct CatalogMigrationsTests {
    let store: CatalogStore

    init() throws {
        store = try CatalogStore(path: NSTemporaryDirectory() + "catalog-" + UUID().uuidString + ".sqlite")
    }

    @Test func createsEveryTableInWALMode() throws {
        let tables = try store.reader.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in ["auditEvent", "dataset", "datasetFile", "datasetVersion", "genomicFile", "instance", "object",
                      "qualityFlag", "sample", "series", "study", "migrationJob", "migrationItem"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let mode = try store.pool.write { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func reopeningDoesNotMigrateTwice() throws {
        let path = store.pool.path
        let again = try CatalogStore(path: path)
        let applied = try again.reader.read { db in try CatalogMigrations.migrator.appliedMigrations(db) }
        #expect(applied == CatalogMigrations.migrator.migrations)
        #expect(applied.prefix(3) == ["v1-catalog", "v2-tiers", "v2-governance"])
    }

    @Test func aVersionOneCatalogUpgradesToTiers() throws {
        let path = NSTemporaryDirectory() + "v1-" + UUID().uuidString + ".sqlite"
        let queue = try DatabaseQueue(path: path)
        try CatalogMigrations.migrator.migrate(queue, upTo: "v1-catalog")
        try queue.close()
        let upgraded = try CatalogStore(path: path)
        let columns = try upgraded.reader.read { db in try db.columns(in: "migrationJob").map(\.name) }
        #expect(columns.contains("leaseExpiresAt") && columns.contains("bytesDone"))
    }

    @Test func foreignKeysAreEnforced() throws {
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO study (datasetId, studyInstanceUID) VALUES (999, '1.2')")
            }
        }
    }

    @Test func auditEventsCannotBeUpdatedOrDeletedThroughSQL() throws {
        try store.pool.write { db in
            try AuditEvent(seq: 1, time: 0, actor: "a", role: "admin", action: "x", target: "t", details: "{}",
                           prevHash: AuditEvent.genesisHash, hash: "h").insert(db)
        }
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "UPDATE auditEvent SET actor = 'b'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: "DELETE FROM auditEvent") }
        }
    }

    @Test func canonicalEncodingIsUnambiguous() {
        let base = AuditEvent(seq: 1, time: 5, actor: "ab", role: "r", action: "c", target: "t", details: "{}",
                              prevHash: AuditEvent.genesisHash, hash: "")
        var shifted = base
        shifted.actor = "a"
        shifted.role = "br"
        #expect(base.canonicalEncoding != shifted.canonicalEncoding)
        #expect(base.canonicalEncoding == base.canonicalEncoding)
    }
}
