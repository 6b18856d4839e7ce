import Foundation
import GRDB
import Storage
import TestSupport
import Testing

@testable import Catalog

/// What the tiers of a test lake hold on disk, compared with what the catalog says.
struct TierLayout {
    let lake: String
    /// The lake's catalog on PostgreSQL, when it is not `catalog.sqlite`.
    var postgres: TestPostgres?
    static let tiers = ["hot", "warm", "cold", "archive"]

    /// The lake's catalog: its SQLite file, or the test's PostgreSQL schema.
    func catalog() throws -> CatalogStore {
        try postgres?.store() ?? CatalogStore(path: lake + "/catalog.sqlite")
    }

    /// Tier names holding each object file, by SHA-256 (from the file names under `objects/`).
    func filesByObject() throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for tier in Self.tiers {
            let objects = lake + "/tiers/" + tier + "/objects"
            for shard in (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [] {
                for rest in try FileManager.default.contentsOfDirectory(atPath: objects + "/" + shard) {
                    result[shard + rest, default: []].append(tier)
                }
            }
        }
        return result
    }

    /// The catalog's placement of every object.
    func placements() throws -> [String: String] {
        try catalog().read { tx in
            var placed: [String: String] = [:]
            try tx.connection.visitRows("SELECT sha256, tier FROM object ORDER BY id", [], cached: false) { row in
                placed[row["sha256"]] = row["tier"]
                return true
            }
            return placed
        }
    }

    /// Every object exactly once on disk, in the tier the catalog names, with bytes matching its name.
    func expectExactlyOnceAndVerified(_ context: String) throws {
        let files = try filesByObject()
        let placed = try placements()
        #expect(Set(files.keys) == Set(placed.keys), "\(context): files and catalog name different objects")
        for (hash, tier) in placed {
            #expect(files[hash] == [tier], "\(context): object \(hash) is in \(files[hash] ?? []), catalog says \(tier)")
            let digest = try #require(ObjectDigest(hex: hash))
            let path = FileSystemTier(name: tier, root: lake + "/tiers/" + tier).path(of: digest)
            #expect(try ContentHasher.digest(ofFileAt: path).digest == digest, "\(context): \(hash) damaged")
        }
    }

    /// Staged copies (files in the tiers' `tmp` folders).
    func stagedFiles() throws -> [String] {
        Self.tiers.flatMap { tier in
            (try? FileManager.default.contentsOfDirectory(atPath: lake + "/tiers/" + tier + "/tmp")) ?? []
        }
    }

    /// Bytes copied so far by running migration jobs (the catalog's progress columns).
    func runningBytesDone() throws -> Int64 {
        let catalog = try CatalogStore(path: lake + "/catalog.sqlite")
        return try catalog.reader.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(SUM(bytesDone), 0) FROM migrationJob WHERE state = 'running'") ?? 0
        }
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` seconds pass; returns whether it held.
    /// The bound is generous: the tests wait on states, never on how long a step takes.
    static func waitUntil(timeout: TimeInterval = 120, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if try condition() { return true }
            usleep(10_000)
        }
        return try condition()
    }

    /// Migration items whose copies were being published when the worker stopped.
    func publishingItems() throws -> Int {
        let catalog = try CatalogStore(path: lake + "/catalog.sqlite")
        return try catalog.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM migrationItem WHERE state = 'publishing'") ?? 0
        }
    }

    /// Every object is readable where the catalog places it (true at every instant, even mid-migration).
    func expectPlacementsReadable(_ context: String) throws {
        for (hash, tier) in try placements() {
            let digest = try #require(ObjectDigest(hex: hash))
            #expect(FileSystemTier(name: tier, root: lake + "/tiers/" + tier).contains(digest),
                    "\(context): \(hash) missing from \(tier), where the catalog places it")
        }
    }

    /// Creates a lake and ingests `count` generated objects of about `size` bytes into dataset `d`.
    static func makeLake(in base: String, count: Int, size: Int) throws -> String {
        let input = base + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for index in 0..<count {
            var generator = SplitMix(seed: UInt64(index + 1))
            let bytes = (0..<(size + index)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try Data(bytes).write(to: URL(fileURLWithPath: input + "/f\(index).bin"))
        }
        let lake = base + "/lake"
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        let ingest = try MedLakeProcess.run(["ingest", input, "--dataset", "d", "--keep-unknown", "--lake", lake])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return lake
    }
}

/// A small deterministic generator for test bytes.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
