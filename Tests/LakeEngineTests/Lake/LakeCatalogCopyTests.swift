import Catalog
import Foundation
import GRDB
import TestSupport
import Testing

@testable import LakeEngine

/// `medlake catalog copy --to postgres://…`: a lake's SQLite catalog copied whole into an empty PostgreSQL
/// catalog, checked, and `lake.toml` switched to it; a catalog holding rows is refused with nothing changed.
@Suite(
    .enabled(if: TestPostgres.available),
    .enabled(if: TestCatalog.isSQLite, "copies a lake's catalog.sqlite to PostgreSQL"))
struct LakeCatalogCopyTests {
    /// A lake with a dataset, a flag and their audit events.
    static func populatedLake() throws -> TemporaryLake {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write("payload", to: input + "/a.bin")
        try write("other payload", to: input + "/b.bin")
        _ = try lake.owner.ingest([input], dataset: "d1", options: IngestOptions(keepUnknown: true))
        _ = try lake.owner.addFlag(target: "d1", code: "needs-review", note: "look")
        return lake
    }

    /// Each table's row count in the lake's SQLite catalog.
    static func counts(_ lake: Lake) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try lake.catalog.reader.read { db in
            let tables = """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """
            for table in try String.fetchAll(db, sql: tables) {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")
            }
        }
        return counts
    }

    /// How many audit events `store` holds.
    static func eventCount(_ store: CatalogStore) throws -> Int {
        try store.read { tx in
            var count = 0
            try tx.visitAuditEvents { _ in
                count += 1
                return true
            }
            return count
        }
    }

    @Test func copyKeepsEveryRowIdAndTheAuditChain() throws {
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let lake = try Self.populatedLake()
        let eventsBefore = try lake.owner.verifyAudit().eventCount

        let report = try lake.owner.copyCatalog(to: postgres.url, passwordFile: postgres.passwordFile)

        // Every table, with the SQLite catalog's counts (one more audit event and the new snapshot).
        let counts = try Self.counts(lake.owner)
        #expect(Dictionary(uniqueKeysWithValues: report.tables.map { ($0.table, $0.rows) }) == counts)
        #expect(counts["dataset"] == 1)
        #expect(counts["qualityFlag"] == 1)
        #expect(report.auditEvents == eventsBefore + 1)
        #expect(counts["auditEvent"] == report.auditEvents)
        // The copy's chain is the lake's: same events, same head.
        let sqliteChain = try lake.owner.verifyAudit()
        #expect(sqliteChain.isIntact)
        #expect(sqliteChain.headHash == report.auditHead)
        let copy = try postgres.store()
        let copiedEvents = try copy.read { tx in try tx.auditEvents(actions: ["catalog.copy"]) }
        #expect(copiedEvents.map(\.target) == [postgres.location.description])
        // Ids are kept, and the next id is past them.
        let dataset = try #require(try copy.read { tx in try tx.dataset(named: "d1") })
        let sqliteDataset = try #require(try lake.owner.catalog.read { tx in try tx.dataset(named: "d1") })
        #expect(dataset.id == sqliteDataset.id)
        var flag = QualityFlag(
            targetKind: .dataset, target: "d1", code: "needs-review", severity: .info, state: .open, source: .person,
            author: "alice", note: "", createdAt: Date(), updatedAt: Date())
        try copy.write { tx in try tx.insert(&flag) }
        #expect(try #require(flag.id) > 1)

        // lake.toml names the catalog; the SQLite catalog is kept under a new name, not deleted.
        let text = try String(contentsOfFile: lake.root + "/lake.toml", encoding: .utf8)
        let configuration = try LakeConfiguration(toml: text, path: "lake.toml")
        #expect(configuration.catalog.postgres == postgres.location)
        #expect(configuration.catalog.passwordFile == postgres.passwordFile)
        #expect(!FileManager.default.fileExists(atPath: lake.root + "/" + Lake.catalogFileName))
        #expect(report.keptCatalog.hasPrefix(lake.root + "/catalog.sqlite.copied-"))
        #expect(FileManager.default.fileExists(atPath: report.keptCatalog))
        let kept = try CatalogStore(path: report.keptCatalog)
        #expect(try kept.read { tx in try tx.auditEvents(actions: ["catalog.copy"]).count } == 1)
    }

    @Test func aCatalogHoldingRowsIsRefusedWithNothingChanged() throws {
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let first = try Self.populatedLake()
        _ = try first.owner.copyCatalog(to: postgres.url, passwordFile: postgres.passwordFile)
        let copy = try postgres.store()
        let copiedEvents = try Self.eventCount(copy)

        let second = try Self.populatedLake()
        let text = try String(contentsOfFile: second.root + "/lake.toml", encoding: .utf8)
        let countsBefore = try Self.counts(second.owner)
        do {
            _ = try second.owner.copyCatalog(to: postgres.url, passwordFile: postgres.passwordFile)
            Issue.record("the copy went into another lake's catalog")
        } catch CatalogError.catalogNotEmpty(_, _, let lake) {
            #expect(lake == first.owner.id)
        }
        // The second lake is as it was: its lake.toml, its catalog (no catalog.copy event), its file.
        #expect(try String(contentsOfFile: second.root + "/lake.toml", encoding: .utf8) == text)
        #expect(try Self.counts(second.owner) == countsBefore)
        #expect(FileManager.default.fileExists(atPath: second.root + "/" + Lake.catalogFileName))
        // And the first lake's catalog kept its rows.
        #expect(try Self.eventCount(copy) == copiedEvents)
    }

    @Test func onlyAnAdminMayCopy() throws {
        let lake = try TemporaryLake()
        try lake.setRoles([.admin: ["alice"], .curator: ["bob"]])
        let bob = try lake.open(as: "bob")
        #expect(throws: LakeError.notPermitted(user: "bob", permission: .configure)) {
            try bob.copyCatalog(to: "postgres://medlake@127.0.0.1:1/none", passwordFile: nil)
        }
        #expect(FileManager.default.fileExists(atPath: lake.root + "/" + Lake.catalogFileName))
    }
}
