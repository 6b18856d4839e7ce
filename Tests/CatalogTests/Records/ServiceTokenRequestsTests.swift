import Foundation
import Testing

@testable import Catalog

/// Service token requests, written once in seam SQL, on each engine.
@Suite struct ServiceTokenRequestsTests {
    static func token(_ name: String, secretHash: String) -> ServiceToken {
        ServiceToken(
            name: name, role: "reader", secretHash: secretHash, createdBy: "ana", createdAt: CatalogTransaction.testTime,
            expiresAt: CatalogTransaction.testTime.addingTimeInterval(86_400))
    }

    @Test("Tokens are found by exact name and by secret hash, listed by code point; a revocation persists",
        arguments: CatalogEngine.available)
    func lookupAndRevocation(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                for (name, hash) in [("ci", "h-ci"), ("Zeta", "h-zeta"), ("alpha", "h-alpha")] {
                    var token = Self.token(name, secretHash: hash)
                    try tx.insert(&token)
                }
            }
            try store.read { tx throws in
                // Code point order, as SQLite's BINARY collation: capitals first, whatever the server's locale.
                #expect(try tx.serviceTokens().map(\.name) == ["Zeta", "alpha", "ci"])
                #expect(try tx.serviceToken(named: "ci")?.secretHash == "h-ci")
                #expect(try tx.serviceToken(named: "CI") == nil)
                #expect(try tx.serviceToken(secretHash: "h-zeta")?.name == "Zeta")
                #expect(try tx.serviceToken(secretHash: "h-") == nil)
                #expect(try tx.serviceToken(named: "ci")?.expiresAt == CatalogTransaction.testTime.addingTimeInterval(86_400))
            }
            let revokedAt = CatalogTransaction.testTime.addingTimeInterval(60)
            try store.write { tx throws in
                var token = try #require(try tx.serviceToken(named: "ci"))
                #expect(token.revokedAt == nil)
                token.revokedAt = revokedAt
                token.revokedBy = "bo"
                try tx.update(token)
            }
            let revoked = try #require(try store.read { tx in try tx.serviceToken(secretHash: "h-ci") })
            #expect(revoked.revokedAt == revokedAt && revoked.revokedBy == "bo")
        }
    }

    @Test("A second token with a taken name or secret is refused the same way on both engines",
        arguments: CatalogEngine.available)
    func uniqueness(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var token = Self.token("ci", secretHash: "h-ci")
                try tx.insert(&token)
            }
            for (name, hash) in [("ci", "h-other"), ("other", "h-ci")] {
                CatalogTransaction.expectDuplicate(in: "serviceToken") {
                    try store.write { tx throws in
                        var twin = Self.token(name, secretHash: hash)
                        try tx.insert(&twin)
                    }
                }
            }
            #expect(try store.read { tx in try tx.serviceTokens().count } == 1)
        }
    }
}
