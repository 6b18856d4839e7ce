import Foundation
import TestSupport
import Testing

@testable import Catalog

/// Two `medlake ingest` processes at once into the *same* dataset of a PostgreSQL lake, from overlapping
/// folders (issue #17): every object, instance, series and study is recorded once, the counts add up, and
/// the audit chain, the tiers and `fsck` stay clean. Runs when a test PostgreSQL is configured, always in CI.
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct PostgresSameDatasetIngestCLITests {
    /// DICOM files in the generated corpus (16×16 images, so small); each folder holds two thirds, the middle
    /// third is in both: two 1,000-file batches per ingest, so the processes' transactions interleave.
    static let files = 3000

    @Test func twoIngestsIntoOneDatasetRecordEachRowOnce() throws {
        let lake = try PostgresCLILake("pg-same-dataset")
        defer { lake.remove() }
        let base = lake.base
        let corpus = base + "/corpus"
        let generated = try MedLakeProcess.run(
            ["dicom", "generate", "--count", String(Self.files), "--size", "16", "--output", corpus])
        try #require(generated.status == 0, "\(generated.stderr)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: corpus)
            .filter { !$0.hasPrefix(".") && Self.isFile(corpus + "/" + $0) }.sorted()
        try #require(names.count == Self.files)
        let third = Self.files / 3
        let first = try Self.copy(names.prefix(2 * third), from: corpus, to: base + "/first")
        let second = try Self.copy(names.suffix(2 * third), from: corpus, to: base + "/second")

        let inputs = [first, second]
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let outcome = Result { try lake.run(["ingest", inputs[index], "--dataset", "ct"]) }
            #expect((try? outcome.get().status) == 0, "ingest of \(inputs[index]): \(outcome)")
        }

        let expected = try Self.hierarchy(of: corpus)
        let counts = try lake.store().read { tx in
            try ["object", "datasetFile", "instance", "series", "study"].map { table in
                try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM \(table)", [], cached: false) ?? 0
            }
        }
        #expect(counts == [Self.files, Self.files, Self.files, expected.series, expected.studies], "\(counts)")
        let distinct = try lake.store().read { tx in
            try [
                "SELECT COUNT(DISTINCT sha256) FROM object", "SELECT COUNT(DISTINCT sopInstanceUID) FROM instance",
                "SELECT COUNT(DISTINCT seriesInstanceUID) FROM series",
                "SELECT COUNT(DISTINCT studyInstanceUID) FROM study",
                "SELECT CAST(COALESCE(SUM(instanceCount), 0) AS BIGINT) FROM series",
            ].map { sql in try tx.connection.fetchValue(Int.self, sql, [], cached: false) ?? 0 }
        }
        #expect(distinct == [Self.files, Self.files, expected.series, expected.studies, Self.files], "\(distinct)")

        try TierLayout(lake: lake.path, postgres: lake.postgres).expectExactlyOnceAndVerified("after both ingests")
        try lake.expectAuditIntact()
        let checked = try lake.run(["fsck", "--full", "--json"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let report = try JSONDecoder().decode(FsckJSON.self, from: Data(checked.stdout.utf8))
        #expect(report.objectsChecked == Self.files && report.findings.isEmpty, "\(checked.stdout)")
    }

    /// `fsck --json`'s fields this test reads.
    private struct FsckJSON: Decodable {
        let objectsChecked: Int
        let findings: [Finding]

        struct Finding: Decodable {}
    }

    /// How many series and studies the corpus holds, as a lake on SQLite records them from one ingest.
    private static func hierarchy(of corpus: String) throws -> (series: Int, studies: Int) {
        let lake = corpus + "-reference-lake"
        let created = try MedLakeProcess.run(["init", lake])
        try #require(created.status == 0, "\(created.stderr)")
        let ingested = try MedLakeProcess.run(["ingest", corpus, "--dataset", "ct", "--lake", lake])
        try #require(ingested.status == 0, "\(ingested.stderr)")
        // The reference lake's catalog is where the test run puts lakes (a schema of its own on PostgreSQL).
        let catalog = try TestLakeCatalogs.store(forLake: lake)
        return try catalog.read { tx in
            (
                try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM series", [], cached: false) ?? 0,
                try tx.connection.fetchValue(Int.self, "SELECT COUNT(*) FROM study", [], cached: false) ?? 0
            )
        }
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Copies `names` (paths under `source`) into `folder`, keeping their subfolders; returns `folder`.
    private static func copy(_ names: some Sequence<String>, from source: String, to folder: String) throws -> String {
        for name in names {
            let target = folder + "/" + name
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: target)
        }
        return folder
    }
}
