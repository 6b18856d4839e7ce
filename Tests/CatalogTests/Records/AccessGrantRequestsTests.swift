import Foundation
import Testing

@testable import Catalog

/// Access grant requests, written once in seam SQL, on each engine.
@Suite struct AccessGrantRequestsTests {
    @Test("A live grant is neither revoked nor expired: one expiring at the instant asked about is expired",
        arguments: CatalogEngine.available)
    func liveGrants(engine: CatalogEngine) throws {
        let now = CatalogTransaction.testTime.addingTimeInterval(3600)
        try engine.withCatalog { store throws in
            let (chest, ids) = try store.write { tx throws in
                let chest = try tx.addDataset("chest")
                let brain = try tx.addDataset("brain")
                var ids: [String: Int64] = [:]
                let grants: [(String, String, Int64, TimeInterval, Bool)] = [
                    ("old", "bo", chest, 60, false),
                    ("expired", "bo", chest, -0.001, false),
                    ("atNow", "bo", chest, 0, false),
                    ("revoked", "bo", chest, 86_400, true),
                    ("otherDataset", "bo", brain, 86_400, false),
                    ("otherPrincipal", "cy", chest, 86_400, false),
                    ("new", "bo", chest, 86_400, false),
                ]
                for (label, principal, dataset, expiresIn, revoked) in grants {
                    var grant = AccessGrant(
                        principal: principal, datasetId: dataset, scope: .read, expiresAt: now.addingTimeInterval(expiresIn),
                        grantedBy: "ana", reason: label, createdAt: CatalogTransaction.testTime,
                        revokedAt: revoked ? now : nil, revokedBy: revoked ? "ana" : nil)
                    try tx.insert(&grant)
                    ids[label] = grant.id
                }
                return (chest, ids)
            }
            try store.read { tx throws in
                #expect(try tx.liveGrants(principal: "bo", datasetId: chest, at: now).map(\.reason) == ["new", "old"])
                // A minute later the short grant has run out too.
                #expect(try tx.liveGrants(principal: "bo", datasetId: chest, at: now.addingTimeInterval(61)).map(\.reason)
                    == ["new"])
                #expect(try tx.liveGrants(principal: "dee", datasetId: chest, at: now).isEmpty)
                let revokedId = try #require(ids["revoked"])
                let revoked = try #require(try tx.grant(id: revokedId))
                #expect(revoked.revokedAt == now && revoked.revokedBy == "ana" && revoked.scope == .read)
                #expect(try tx.grant(id: 9_999) == nil)
            }
        }
    }

    @Test("The latest grant counts revoked ones; the listing names each grant's dataset", arguments: CatalogEngine.available)
    func latestAndListing(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let revokedId = try store.write { tx throws in
                let chest = try tx.addDataset("chest", sensitivity: "restricted")
                let brain = try tx.addDataset("brain", sensitivity: "public")
                var first = AccessGrant(
                    principal: "bo", datasetId: chest, scope: .approve, expiresAt: CatalogTransaction.testTime,
                    grantedBy: "ana", reason: "first", createdAt: CatalogTransaction.testTime)
                try tx.insert(&first)
                var other = AccessGrant(
                    principal: "bo", datasetId: brain, scope: .annotate, expiresAt: CatalogTransaction.testTime,
                    grantedBy: "ana", reason: "other", createdAt: CatalogTransaction.testTime)
                try tx.insert(&other)
                var second = first
                second.id = nil
                second.reason = "second"
                try tx.insert(&second)
                second.revokedAt = CatalogTransaction.testTime
                second.revokedBy = "ana"
                try tx.update(second)
                return try #require(second.id)
            }
            try store.read { tx throws in
                #expect(try tx.latestGrantId(principal: "bo", datasetName: "chest") == revokedId)
                #expect(try tx.latestGrantId(principal: "cy", datasetName: "chest") == nil)
                #expect(try tx.latestGrantId(principal: "bo", datasetName: "lung") == nil)
                let listed = try tx.grantsWithDatasets()
                #expect(listed.map(\.grant.reason) == ["second", "other", "first"])
                #expect(listed.map(\.datasetName) == ["chest", "brain", "chest"])
                #expect(listed.map(\.sensitivity) == ["restricted", "public", "restricted"])
                #expect(listed.first?.grant.revokedBy == "ana")
            }
        }
    }
}
