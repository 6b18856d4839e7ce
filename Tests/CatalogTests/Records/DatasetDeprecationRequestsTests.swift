import Foundation
import Testing

@testable import Catalog

/// Deprecation requests, written once in seam SQL, on each engine.
@Suite struct DatasetDeprecationRequestsTests {
    @Test("A dataset is deprecated once, naming the version that supersedes it", arguments: CatalogEngine.available)
    func deprecation(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (old, successor) = try store.write { tx throws in
                let old = try GovernanceRows.dataset("chest-v1", tx)
                let new = try GovernanceRows.dataset("chest-v2", tx)
                let successor = try GovernanceRows.version(datasetId: new, number: 3, tx)
                var deprecation = DatasetDeprecation(
                    datasetId: old, successorVersionId: successor, reason: "re-labelled", deprecatedBy: "ana",
                    deprecatedAt: GovernanceRows.created)
                try tx.insert(&deprecation)
                return (old, successor)
            }
            GovernanceRows.expectDuplicate(in: "datasetDeprecation") {
                try store.write { tx throws in
                    var again = DatasetDeprecation(
                        datasetId: old, successorVersionId: successor, reason: "twice", deprecatedBy: "bo",
                        deprecatedAt: GovernanceRows.created)
                    try tx.insert(&again)
                }
            }
            try store.read { tx throws in
                let found = try #require(try tx.deprecation(datasetId: old))
                #expect(found.reason == "re-labelled" && found.deprecatedAt == GovernanceRows.created)
                #expect(try tx.versionReference(id: found.successorVersionId) == "chest-v2@3")
                #expect(try tx.deprecation(datasetId: old + 1) == nil)
                #expect(try tx.deprecations().map(\.datasetId) == [old])
            }
        }
    }
}
