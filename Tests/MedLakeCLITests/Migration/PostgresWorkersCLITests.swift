import Foundation
import TestSupport
import Testing

@testable import Catalog

/// Several lake processes at once on one PostgreSQL catalog and the same tiers (issue #17 item 4), through
/// the real binary: four workers with two of them SIGKILLed mid-migration, and two overlapping ingests.
/// Every wait is on a state, with a generous bound.
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct PostgresWorkersCLITests {
    /// Datasets (one migration job each) and objects per dataset.
    static let datasets = 4
    static let objectsPerDataset = 10

    @Test func fourWorkersWithTwoKilledMoveEveryObjectOnce() throws {
        let lake = try PostgresCLILake("pg-workers")
        defer { lake.remove() }
        for dataset in 0..<Self.datasets {
            let input = try Self.writeObjects(
                in: lake.base + "/input/d\(dataset)", first: dataset * Self.objectsPerDataset, count: Self.objectsPerDataset)
            let ingested = try lake.run(["ingest", input, "--dataset", "d\(dataset)", "--keep-unknown"])
            try #require(ingested.status == 0, "\(ingested.stderr)")
            let queued = try lake.run(["migrate", "d\(dataset)", "--to", "warm"])
            try #require(queued.status == 0, "\(queued.stderr)")
        }
        let total = Self.datasets * Self.objectsPerDataset
        let layout = TierLayout(lake: lake.path, postgres: lake.postgres)
        let catalog = try lake.store()

        // 24 kB objects at 0.1 MB/s: each job takes seconds, so the kills land while jobs run. A 1 s lease
        // lets the survivors take the killed workers' jobs over.
        let workers = try (0..<4).map { _ in
            try lake.start(["worker", "--throttle", "0.1", "--lease", "1"]).0
        }
        defer {
            for worker in workers where worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        }
        let started = try TierLayout.waitUntil { try Self.doneItems(catalog) >= 5 || workers.contains { !$0.isRunning } }
        #expect(started && workers.allSatisfy(\.isRunning), "every worker runs when the first objects are done")
        for worker in workers.prefix(2) {
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            #expect(worker.terminationReason == .uncaughtSignal)
        }
        #expect(try Self.doneItems(catalog) < total, "the kills landed mid-migration")

        let finished = try TierLayout.waitUntil(timeout: 300) { try Self.doneItems(catalog) == total }
        #expect(finished, "the two survivors finish every job")
        for worker in workers.suffix(2) {
            kill(worker.processIdentifier, SIGTERM)
            worker.waitUntilExit()
        }

        try layout.expectExactlyOnceAndVerified("after the takeovers")
        try lake.expectAuditIntact()
        let audit = try lake.run(["audit", "list", "--action", "object.placement", "--json"])
        let events = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]] ?? []
        let moved = events.compactMap { KilledWorkerResumeCLITests.details($0)["objects"]?.split(separator: " ").map(String.init) }
            .flatMap { $0 }
        #expect(moved.count == total && Set(moved).count == total, "no object was copied and switched twice")
        let done = try lake.run(["migrate", "list", "--state", "done", "--json"])
        #expect(done.stdout.components(separatedBy: "\"state\" : \"done\"").count - 1 == Self.datasets, "\(done.stdout)")
    }

    @Test func twoOverlappingIngestsAtOnceMakeNoDuplicateObject() throws {
        let lake = try PostgresCLILake("pg-ingests")
        defer { lake.remove() }
        // Objects 0–29 and 15–44: fifteen files hold the same bytes in both folders.
        let first = try Self.writeObjects(in: lake.base + "/first", first: 0, count: 30)
        let second = try Self.writeObjects(in: lake.base + "/second", first: 15, count: 30)

        let ingests = [(first, "a"), (second, "b")]
        DispatchQueue.concurrentPerform(iterations: ingests.count) { index in
            let (input, dataset) = ingests[index]
            let outcome = Result { try lake.run(["ingest", input, "--dataset", dataset, "--keep-unknown"]) }
            #expect((try? outcome.get().status) == 0, "ingest into \(dataset): \(outcome)")
        }

        let (objects, distinct) = try lake.store().read { tx in
            (
                try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM object", [], cached: false) ?? 0,
                try tx.connection.fetchValue(Int.self, "SELECT COUNT(DISTINCT sha256) FROM object", [], cached: false) ?? 0
            )
        }
        #expect(objects == 45 && distinct == 45, "\(objects) objects, \(distinct) distinct")
        try TierLayout(lake: lake.path, postgres: lake.postgres).expectExactlyOnceAndVerified("after both ingests")
        try lake.expectAuditIntact()
    }

    /// Writes objects `first ..< first + count` (the same index, the same bytes, whichever folder) into
    /// `folder` and returns it.
    private static func writeObjects(in folder: String, first: Int, count: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in first..<(first + count) {
            var generator = SplitMix(seed: UInt64(index + 1))
            let bytes = (0..<(24_000 + index)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/f\(index).bin"))
        }
        return folder
    }

    /// How many migration items are done.
    private static func doneItems(_ catalog: CatalogStore) throws -> Int {
        try catalog.read { tx in
            try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM migrationItem WHERE state = 'done'", [], cached: false) ?? 0
        }
    }
}
