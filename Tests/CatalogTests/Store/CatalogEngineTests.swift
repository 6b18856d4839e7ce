import Foundation
import Testing

@testable import Catalog

/// What every engine's store promises: one migration ledger, transactions that commit or roll back whole,
/// read-only reads, and a typed refusal for requests a PostgreSQL catalog does not answer yet.
@Suite struct CatalogEngineTests {
    @Test("Both engines record every migration of the one list in their ledger", arguments: CatalogEngine.available)
    func ledger(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let applied = try store.read { tx in try tx.appliedMigrations() }
            #expect(applied == Set(CatalogMigrations.all.map(\.identifier)))
            #expect(CatalogMigrations.migrator.migrations == CatalogMigrations.all.map(\.identifier))
        }
    }

    @Test("A write that throws leaves nothing; a change commits whole", arguments: CatalogEngine.available)
    func rollback(engine: CatalogEngine) throws {
        struct Refused: Error {}
        try engine.withCatalog { store throws in
            #expect(throws: Refused.self) {
                try store.write { tx throws in
                    var dataset = Dataset(name: "half", zone: "raw", owner: "ana", createdAt: Date())
                    try tx.insert(&dataset)
                    throw Refused()
                }
            }
            #expect(try store.read { tx in try tx.dataset(named: "half") } == nil)
            let committed = CommitMark()
            try store.write { tx throws in
                var dataset = Dataset(name: "whole", zone: "raw", owner: "ana", createdAt: Date())
                try tx.insert(&dataset)
                tx.afterCommit { committed.set() }
                #expect(!committed.isSet)
            }
            #expect(committed.isSet)
            #expect(try store.read { tx in try tx.dataset(named: "whole") }?.name == "whole")
        }
    }

    @Test("A read transaction refuses to write", arguments: CatalogEngine.available)
    func readOnly(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            #expect(throws: (any Error).self) {
                try store.read { tx throws in
                    var dataset = Dataset(name: "sneaky", zone: "raw", owner: "ana", createdAt: Date())
                    try tx.insert(&dataset)
                }
            }
            #expect(try store.read { tx in try tx.datasets() }.isEmpty)
        }
    }

    @Test("Async reads and writes run the same requests", arguments: CatalogEngine.available)
    func asyncForms(engine: CatalogEngine) async throws {
        let names: [String] = try await engine.withCatalogAsync { store async throws in
            try await store.write { @Sendable tx throws in
                var dataset = Dataset(name: "async", zone: "raw", owner: "ana", createdAt: Date())
                try tx.insert(&dataset)
            }
            return try await store.read { @Sendable tx throws in try tx.datasets().map(\.name) }
        }
        #expect(names == ["async"])
    }

    @Test("On PostgreSQL, a request not yet in seam SQL throws a typed error instead of running")
    func notYetOnPostgreSQL() throws {
        guard CatalogEngine.available.contains(.postgres) else { return }
        try CatalogEngine.postgres.withCatalog { store throws in
            // `db` itself, not a request still on it: requests move to the seam one by one.
            #expect(throws: CatalogError.self) { try store.read { tx in _ = try tx.db } }
        }
    }

    @Test("PostgreSQL errors carry the SQLSTATE and never the statement's arguments")
    func postgresErrors() throws {
        guard CatalogEngine.available.contains(.postgres) else { return }
        try CatalogEngine.postgres.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "patient-name-123", zone: "raw", owner: "ana", createdAt: Date())
                try tx.insert(&dataset)
            }
            // A statement of the seam, not a record insert (which reports a duplicate key as `.duplicate`).
            let error = #expect(throws: CatalogError.self) {
                try store.write { tx throws in
                    try tx.connection.execute(
                        "INSERT INTO dataset (name, zone, owner, createdAt) VALUES (?, 'raw', 'ana', ?)",
                        ["patient-name-123", Date()], cached: false)
                }
            }
            guard case .postgres(_, let sqlState, _)? = error else {
                Issue.record("not a PostgreSQL error: \(String(describing: error))")
                return
            }
            #expect(sqlState == "23505")
            #expect(!"\(String(describing: error))".contains("patient-name-123"))
            #expect(!CatalogStore.cannotWrite(try #require(error)))
        }
    }
}

/// Set by an after-commit hook, which runs on the writer's thread.
private final class CommitMark: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
