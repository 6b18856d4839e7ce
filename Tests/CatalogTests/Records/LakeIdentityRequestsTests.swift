import Foundation
import Testing

@testable import Catalog

/// The catalog's one-row records (the lake's id and the `lake.toml` snapshot), on each engine.
@Suite struct LakeIdentityRequestsTests {
    @Test("The lake's id is recorded once: a second one is refused as a duplicate", arguments: CatalogEngine.available)
    func identity(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            #expect(try store.read { tx in try tx.lakeIdentity() } == nil)
            try store.write { tx in try tx.recordLakeIdentity("lake-1") }
            CatalogTransaction.expectDuplicate(in: "lakeIdentity") {
                try store.write { tx in try tx.recordLakeIdentity("lake-2") }
            }
            #expect(try store.read { tx in try tx.lakeIdentity() } == "lake-1")
        }
    }

    @Test("Saving the configuration snapshot replaces the one row", arguments: CatalogEngine.available)
    func configurationSnapshot(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            #expect(try store.read { tx in try tx.configurationSnapshot() } == nil)
            let first = ConfigurationSnapshot(sha256: "aa", settings: #"{"a":"1"}"#, recordedAt: CatalogTransaction.testTime)
            let second = ConfigurationSnapshot(
                sha256: "bb", settings: #"{"a":"2"}"#, recordedAt: CatalogTransaction.testTime.addingTimeInterval(1))
            try store.write { tx in try tx.save(first) }
            #expect(try store.read { tx in try tx.configurationSnapshot() } == first)
            try store.write { tx in try tx.save(second) }
            #expect(try store.read { tx in try tx.configurationSnapshot() } == second)
        }
    }
}
