import Foundation
import Testing

@testable import Catalog

/// Audit-log requests on each engine, and the log's append-only rule in each engine's own terms.
@Suite struct AuditEventRequestsTests {
    static func append(_ actions: [(actor: String, action: String, target: String)], _ tx: CatalogTransaction) throws {
        for entry in actions {
            let previous = try tx.lastAuditEvent()
            let seq = (previous?.seq ?? 0) + 1
            var event = AuditEvent(
                seq: seq, time: 1_000 * seq, actor: entry.actor, role: "admin", action: entry.action,
                target: entry.target, details: "{}", prevHash: previous?.hash ?? AuditEvent.genesisHash,
                hash: String(format: "%064x", seq))
            try tx.insert(&event)
        }
    }

    @Test("Events are filtered by actor, action family, time and limit, in either order", arguments: CatalogEngine.available)
    func filters(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                try Self.append(
                    [("ana", "promotion.request", "p1"), ("bo", "promotion", "p1"), ("ana", "promotion_x", "p2"),
                     ("bo", "flag.add", "1.2.3"), ("ana", "promotion.approve", "p1")], tx)
            }
            try store.read { tx throws in
                #expect(try tx.auditEventCount() == 5)
                #expect(try tx.lastAuditEvent()?.seq == 5)
                #expect(try tx.auditEvents(actor: "ana").map(\.seq) == [1, 3, 5])
                #expect(try tx.auditEvents(action: "promotion").map(\.seq) == [1, 2, 5])
                #expect(try tx.auditEvents(action: "promotion.").map(\.seq) == [1, 5])
                #expect(try tx.auditEvents(action: "promotion.request").map(\.seq) == [1])
                #expect(try tx.auditEvents(since: Date(timeIntervalSince1970: 3), newestFirst: true, limit: 2).map(\.seq) == [5, 4])
                #expect(try tx.auditEvents(actions: ["flag.add", "promotion"]).map(\.seq) == [2, 4])
                #expect(try tx.auditHistory(targets: ["p1"], limit: 2).map(\.seq) == [2, 5])
                #expect(try tx.auditEvent(seq: 4)?.target == "1.2.3")
                var visited: [Int64] = []
                try tx.visitAuditEvents { event in
                    visited.append(event.seq)
                    return event.seq < 3
                }
                #expect(visited == [1, 2, 3])
            }
        }
    }

    @Test("Attacker: an event cannot be altered or deleted through SQL on either engine", arguments: CatalogEngine.available)
    func appendOnly(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx in try Self.append([("ana", "ingest", "chest")], tx) }
            #expect(throws: (any Error).self) {
                try store.write { tx throws in
                    try tx.connection.execute("UPDATE auditEvent SET actor = 'mallory'", [], cached: false)
                }
            }
            #expect(throws: (any Error).self) {
                try store.write { tx in try tx.connection.execute("DELETE FROM auditEvent", [], cached: false) }
            }
            #expect(try store.read { tx in try tx.auditEvent(seq: 1)?.actor } == "ana")
        }
    }
}
