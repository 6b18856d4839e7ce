import Foundation
import Testing

@testable import Catalog

/// Deprecation requests, written once in seam SQL, on each engine.
@Suite struct DatasetDeprecationRequestsTests {
    @Test("A dataset is deprecated once, naming the version that supersedes it", arguments: CatalogEngine.available)
    func deprecation(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (old, successor) = try store.write { tx throws in
                let old = try tx.addDataset("chest-v1")
                let new = try tx.addDataset("chest-v2")
                let successor = try tx.addVersion(datasetId: new, number: 3)
                var deprecation = DatasetDeprecation(
                    datasetId: old, successorVersionId: successor, reason: "re-labelled", deprecatedBy: "ana",
                    deprecatedAt: CatalogTransaction.testTime)
                try tx.insert(&deprecation)
                return (old, successor)
            }
            CatalogTransaction.expectDuplicate(in: "datasetDeprecation") {
                try store.write { tx throws in
                    var again = DatasetDeprecation(
                        datasetId: old, successorVersionId: successor, reason: "twice", deprecatedBy: "bo",
                        deprecatedAt: CatalogTransaction.testTime)
                    try tx.insert(&again)
                }
            }
            try store.read { tx throws in
                let found = try #require(try tx.deprecation(datasetId: old))
                #expect(found.reason == "re-labelled" && found.deprecatedAt == CatalogTransaction.testTime)
                #expect(try tx.versionReference(id: found.successorVersionId) == "chest-v2@3")
                #expect(try tx.deprecation(datasetId: old + 1) == nil)
                #expect(try tx.deprecations().map(\.datasetId) == [old])
            }
        }
    }
}
