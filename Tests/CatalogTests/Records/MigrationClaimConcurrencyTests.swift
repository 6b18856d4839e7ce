import Foundation
import Synchronization
import Testing

@testable import Catalog

/// Job claims from several PostgreSQL connections at once: every job goes to exactly one claimer, and a
/// claimer passes over a job whose row another transaction holds instead of waiting for it.
@Suite struct MigrationClaimConcurrencyTests {
    /// Two stores on one schema, as two lake processes on two hosts share a catalog; removed afterwards.
    static func withSharedCatalog(_ body: (CatalogStore, CatalogStore) throws -> Void) throws {
        let location = try CatalogEngine.postgresLocation(
            schema: "t_" + UUID().uuidString.lowercased().filter(\.isHexDigit))
        let password = try CatalogEngine.postgresPassword(location)
        let first = try CatalogStore(postgres: location, password: password)
        defer {
            _ = try? first.write { tx in
                try tx.connection.execute("DROP SCHEMA \(location.schema) CASCADE", [], cached: false)
            }
        }
        let second = try CatalogStore(postgres: location, password: password)
        try body(first, second)
    }

    @Test("Two connections claiming at once never get the same job, and together get every one")
    func concurrentClaims() throws {
        guard CatalogEngine.available.contains(.postgres) else { return }
        let jobCount = 24
        try Self.withSharedCatalog { first, second in
            let queued = try first.write { tx throws in
                try (0..<jobCount).map { index in
                    try #require(try MigrationJobRequestsTests.queueJob(tx, objects: 1, tag: String(index % 10)).id)
                }
            }
            let claimed = Mutex<[String: [Int64]]>([:])
            let failures = Mutex<[String]>([])
            let ready = DispatchSemaphore(value: 0)
            let go = DispatchSemaphore(value: 0)
            let finished = DispatchGroup()
            for (name, store) in [("w1", first), ("w2", second)] {
                finished.enter()
                let thread = Thread {
                    defer { finished.leave() }
                    ready.signal()
                    go.wait()
                    do {
                        while let claim = try store.write({ tx in
                            try tx.claimJob(worker: name, pid: 1, host: name, leaseSeconds: 3600, at: Date())
                        }) {
                            claimed.withLock { $0[name, default: []].append(claim.job.id ?? -1) }
                        }
                    } catch {
                        failures.withLock { $0.append("\(name): \(error)") }
                    }
                }
                thread.start()
            }
            // Both threads are at the gate before either claims.
            for _ in 0..<2 { ready.wait() }
            for _ in 0..<2 { go.signal() }
            #expect(finished.wait(timeout: .now() + 300) == .success, "the claimers did not finish")
            #expect(failures.withLock { $0 }.isEmpty)
            let byWorker = claimed.withLock { $0 }
            let all = byWorker.values.flatMap { $0 }
            #expect(all.count == jobCount, "a job was claimed twice or not at all")
            #expect(Set(all) == Set(queued))
            let holders = try first.read { tx in
                try tx.connection.fetchValues(String.self, "SELECT workerId FROM migrationJob ORDER BY id")
            }
            for (index, id) in queued.enumerated() {
                let worker = byWorker.first { $0.value.contains(id) }?.key
                #expect(
                    holders[index] == worker, "job \(id) is held by \(holders[index]), claimed by \(worker ?? "none")")
            }
        }
    }

    @Test("A claim passes over a job whose row another transaction holds, without waiting for it")
    func skipsLockedJobs() throws {
        guard CatalogEngine.available.contains(.postgres) else { return }
        try Self.withSharedCatalog { first, second in
            let (lockedId, freeId) = try first.write { tx throws in
                (
                    try #require(try MigrationJobRequestsTests.queueJob(tx, objects: 1, tag: "a").id),
                    try #require(try MigrationJobRequestsTests.queueJob(tx, objects: 1, tag: "b").id)
                )
            }
            // Another client's transaction holds the oldest job's row (and not the lake's write lock, as narrower
            // locking allows): a read transaction made writable before its first query.
            let claim = try second.read { other throws in
                try other.connection.execute("SET TRANSACTION READ WRITE", [], cached: false)
                let held = try other.connection.fetchValues(
                    Int64.self, "SELECT id FROM migrationJob WHERE id = ? FOR UPDATE", [lockedId])
                #expect(held == [lockedId])
                // Without SKIP LOCKED this claim would wait for the row until the lock timeout, then fail.
                return try first.write { tx in
                    try tx.claimJob(worker: "w1", pid: 1, host: "h", leaseSeconds: 3600, at: Date())
                }
            }
            #expect(claim?.job.id == freeId)
            let next = try first.write { tx in
                try tx.claimJob(worker: "w2", pid: 2, host: "h", leaseSeconds: 3600, at: Date())
            }
            #expect(next?.job.id == lockedId)
        }
    }
}
