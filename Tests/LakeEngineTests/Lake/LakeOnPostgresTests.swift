import Catalog
import Foundation
import TestSupport
import Testing

@testable import LakeEngine

/// A lake created with its catalog on PostgreSQL (`medlake init PATH --catalog postgres://…`): no
/// `catalog.sqlite`, `lake.toml` naming the catalog, and the lake working through it.
@Suite(.enabled(if: TestPostgres.available)) struct LakeOnPostgresTests {
    static func settings(_ postgres: TestPostgres) -> CatalogSettings {
        CatalogSettings(postgres: postgres.location, passwordFile: postgres.passwordFile)
    }

    static func create(_ postgres: TestPostgres) throws -> Lake {
        try Lake.create(
            at: NSTemporaryDirectory() + "lake-" + UUID().uuidString, catalog: settings(postgres),
            as: Identity(user: "alice", uid: 1000), environment: [:])
    }

    @Test func initOnPostgreSQLThenTheLakeWorks() throws {
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let created = try Self.create(postgres)
        #expect(!FileManager.default.fileExists(atPath: created.root + "/" + Lake.catalogFileName))
        #expect(created.configuration.catalog == Self.settings(postgres))
        #expect(created.catalogName == postgres.location.description)

        let lake = try Lake.open(at: created.root, as: Identity(user: "alice", uid: 1000))
        #expect(lake.id == created.id)
        let input = NSTemporaryDirectory() + "input-" + UUID().uuidString
        try write("payload", to: input + "/a.bin")
        _ = try lake.ingest([input], dataset: "d1", options: IngestOptions(keepUnknown: true))
        #expect(try lake.datasets().map(\.dataset.name) == ["d1"])
        let audit = try lake.verifyAudit()
        #expect(audit.isIntact)
        #expect(audit.eventCount >= 2)
        try lake.probeCatalog()
    }

    @Test func initRefusesAnotherLakesCatalog() throws {
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let first = try Self.create(postgres)
        let root = NSTemporaryDirectory() + "lake-" + UUID().uuidString
        do {
            _ = try Lake.create(
                at: root, catalog: Self.settings(postgres), as: Identity(user: "alice", uid: 1000),
                environment: [:])
            Issue.record("a second lake was made on the first lake's catalog")
        } catch LakeIntegrityError.catalogOfAnotherLake(_, let catalogLake, _) {
            #expect(catalogLake == first.id)
        }
        // Nothing was created for the refused lake, and the first lake's catalog is untouched.
        #expect(!FileManager.default.fileExists(atPath: root + "/lake.toml"))
        #expect(try postgres.store().read { tx in try tx.lakeIdentity() } == first.id)
    }
}
