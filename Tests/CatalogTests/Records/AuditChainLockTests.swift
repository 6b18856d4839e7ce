import Foundation
import Testing

@testable import Catalog

/// ``CatalogTransaction/lockAuditChain()`` on PostgreSQL: the audit advisory lock is held from the call
/// until the transaction ends, so no other connection (process, host) can take it to read the same tail.
@Suite(.enabled(if: CatalogEngine.available.contains(.postgres))) struct AuditChainLockTests {
    @Test func theAuditLockIsHeldUntilTheTransactionEnds() throws {
        try CatalogEngine.postgres.withCatalog { store throws in
            try store.write { tx in
                try tx.lockAuditChain()
                #expect(try Self.auditLockIsFree(store) == false)
            }
            #expect(try Self.auditLockIsFree(store) == true)
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try store.write { tx throws in
                    try tx.lockAuditChain()
                    throw Refused()
                }
            }
            #expect(try Self.auditLockIsFree(store) == true)
        }
    }

    /// Whether another connection of `store` can take the audit lock (and, in its read transaction, lets it
    /// go at once).
    private static func auditLockIsFree(_ store: CatalogStore) throws -> Bool? {
        try store.read { probe in
            try probe.connection.fetchValue(
                Bool.self, "SELECT pg_try_advisory_xact_lock(CAST(? AS integer), hashtext(current_schema())) AS taken",
                [PostgresCatalogPool.auditLock], cached: false)
        }
    }
}
