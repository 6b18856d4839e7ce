import Foundation
import Storage

@testable import Catalog
@testable import LakeEngine

extension TemporaryLake {
    /// Ingests `count` distinct generated files of `size` bytes into `dataset`; returns their SHA-256s.
    @discardableResult
    func ingestObjects(_ dataset: String, count: Int, size: Int, seed: Int = 0) throws -> [String] {
        let input = try inputFolder()
        var hashes: [String] = []
        for index in 0..<count {
            var bytes = [UInt8](repeating: 0, count: size)
            var state = UInt64(seed * 10_000 + index + 1)
            for position in bytes.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[position] = UInt8(truncatingIfNeeded: state >> 33)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: input + "/f\(index).bin"))
            hashes.append(ContentHasher.digest(of: bytes).hex)
        }
        _ = try owner.ingest([input], dataset: dataset, options: IngestOptions(keepUnknown: true))
        return hashes
    }

    /// Replaces what an earlier call appended to `lake.toml` with `text`, and reopens the lake as its owner.
    func appendingTOML(_ text: String) throws -> Lake {
        let path = root + "/lake.toml"
        let marker = "\n# Appended by the test.\n"
        let current = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: marker)[0]
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try (current + marker + text).write(toFile: path, atomically: false, encoding: .utf8)
        return try open(as: "alice")
    }

    /// The catalog tier of each object, by SHA-256.
    func placements() throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try owner.catalog.rows("SELECT sha256, tier FROM object").map {
                ($0["sha256"] as String, $0["tier"] as String)
            })
    }

    /// The tiers whose folders hold a file for `hash`.
    func tiersHolding(_ hash: String) throws -> [String] {
        let digest = try ObjectDigest(hex: hash).orThrow()
        return try ["hot", "warm", "cold", "archive"].filter { try owner.tier(named: $0).contains(digest) }
    }

    /// Runs SQL against the catalog (for states no API sets yet, such as a deprecated dataset).
    func execute(_ sql: String, _ arguments: CatalogArguments = []) throws {
        try owner.catalog.execute(sql, arguments: arguments)
    }
}

extension Optional {
    /// The value, or a thrown error naming the type (for test set-up).
    func orThrow() throws -> Wrapped {
        guard let value = self else { throw LakeError.invalidArgument("missing \(Wrapped.self)") }
        return value
    }
}

extension Lake {
    /// Waits (polling like a screen would) until `condition` holds for migration job `id`, or the gates'
    /// patience runs out; returns the job as last read.
    func waitForMigrationJob(
        _ id: Int64, until condition: (MigrationProgress) -> Bool
    ) async throws -> MigrationProgress {
        let end = Date().addingTimeInterval(ObjectGate.patience)
        while Date() < end {
            let job = try migrationJob(id: id)
            if condition(job) { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try migrationJob(id: id)
    }
}
