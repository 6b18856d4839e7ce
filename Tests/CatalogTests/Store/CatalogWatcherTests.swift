import Foundation
import Testing

@testable import Catalog

/// ``CatalogWatcher`` on both engines: a commit by another connection moves the data version. On
/// PostgreSQL (LISTEN/NOTIFY) only commits that wrote to this catalog count, and a lost listening
/// connection is made again with a change reported, so a commit made while nobody listened is not missed.
@Suite struct CatalogWatcherTests {
    @Test("A commit by another connection changes the data version", arguments: CatalogEngine.available)
    func commitIsSeen(engine: CatalogEngine) async throws {
        try await engine.withCatalogAsync { store async throws in
            let watcher = try store.watcher()
            let before = try watcher.dataVersion()
            try addDataset("seen", to: store)
            _ = try await changedVersion(of: watcher, from: before)
        }
    }

    @Test(
        "On PostgreSQL a rolled-back write, a read, a write that changed nothing and another schema's commit wake no one",
        .enabled(if: CatalogEngine.available.contains(.postgres)))
    func onlyCommittedWritesNotify() async throws {
        struct Refused: Error {}
        try await CatalogEngine.postgres.withCatalogAsync { store async throws in
            let watcher = try store.watcher()
            let before = try watcher.dataVersion()
            #expect(throws: Refused.self) {
                try store.write { tx throws in
                    var dataset = Dataset(name: "rolled-back", zone: "raw", owner: "ana", createdAt: Date())
                    try tx.insert(&dataset)
                    throw Refused()
                }
            }
            _ = try await store.read { tx in try tx.datasets() }
            _ = try await store.write { tx in try tx.datasets() }
            try CatalogEngine.postgres.withCatalog { other in try addDataset("elsewhere", to: other) }
            try addDataset("counted", to: store)
            // Notifications arrive in commit order on the one listening connection: had any of the above
            // notified, it would have been counted before the last commit's.
            #expect(try await changedVersion(of: watcher, from: before) == before + 1)
        }
    }

    @Test(
        "On PostgreSQL a lost listening connection is made again and reports the commit made meanwhile",
        .enabled(if: CatalogEngine.available.contains(.postgres)))
    func reconnectResyncs() async throws {
        try await CatalogEngine.postgres.withCatalogAsync { store async throws in
            let watcher = try store.watcher()
            let before = try watcher.dataVersion()
            let listening = try #require(try watcher.listeningProcessID())
            let ended = try await store.write { tx in
                try tx.connection.fetchValue(Bool.self, "SELECT pg_terminate_backend(CAST(? AS integer))", [listening], cached: false)
            }
            #expect(ended == true)
            // Committed while the listener's session is gone: its notification reaches no one.
            try addDataset("while-away", to: store)
            let resynced = try await changedVersion(of: watcher, from: before)
            #expect(try watcher.listeningProcessID() != listening)
            // And the new connection listens: the next commit is counted.
            try addDataset("after", to: store)
            _ = try await changedVersion(of: watcher, from: resynced)
        }
    }

    private func addDataset(_ name: String, to store: CatalogStore) throws {
        try store.write { tx in
            var dataset = Dataset(name: name, zone: "raw", owner: "ana", createdAt: Date())
            try tx.insert(&dataset)
        }
    }

    /// The watcher's data version once it differs from `version`, asked until it does (2 minutes at most:
    /// the notification travels through the server, on a loaded machine). It is asked again after every
    /// wait, the last one too: a sleep on a busy cooperative pool may end long after it was due.
    private func changedVersion(of watcher: CatalogWatcher, from version: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            let now = try watcher.dataVersion()
            if now != version { return now }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the data version stayed \(version) for 2 minutes")
        return version
    }
}
