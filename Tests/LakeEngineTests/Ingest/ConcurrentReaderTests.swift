import DICOM
import Foundation
import Synchronization
import Testing

@testable import Catalog
@testable import LakeEngine

/// A reader polling the catalog while an ingest runs only ever sees whole batches: every count it reads
/// agrees with the audit events committed with them.
@Suite struct ConcurrentReaderTests {
    @Test func readersNeverSeeHalfABatch() throws {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        for series in 0..<6 {
            for instance in 0..<50 {
                let dataSet = SyntheticData.dataSet(for: SyntheticInstance(series: series, instance: instance))
                try Data(try DICOMWriter.part10(dataSet)).write(to: URL(fileURLWithPath: input + "/\(series)-\(instance).dcm"))
            }
        }
        let owner = lake.owner
        let finished = Atomic<Bool>(false)
        let failure = Mutex<String?>(nil)
        let ingest = Thread {
            do {
                _ = try owner.ingest([input], dataset: "d", options: IngestOptions(batchSize: 25))
            } catch {
                failure.withLock { $0 = String(describing: error) }
            }
            finished.store(true, ordering: .releasing)
        }
        ingest.start()

        let reader = try lake.open(as: "alice")
        var observations = 0
        repeat {
            // One read transaction: the four answers come from one committed snapshot.
            let (files, instances, counted, announced) = try reader.catalog.read { tx -> (Int, Int, Int, [String]) in
                let connection = tx.connection
                let count = { (sql: String) throws -> Int in
                    try connection.fetchValue(Int.self, sql, [], cached: false) ?? -1
                }
                return (
                    try count("SELECT COUNT(*) FROM datasetFile"), try count("SELECT COUNT(*) FROM instance"),
                    try count("SELECT CAST(COALESCE(SUM(instanceCount), 0) AS BIGINT) FROM series"),
                    try connection.fetchValues(
                        String.self, "SELECT details FROM auditEvent WHERE action = 'ingest'", [], cached: false)
                )
            }
            let announcedFiles = announced.compactMap {
                (try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)))?["files"].flatMap(Int.init)
            }.reduce(0, +)
            #expect(files == announcedFiles)
            #expect(instances == files)
            #expect(counted == instances)
            #expect(files % 25 == 0)
            observations += 1
        } while !finished.load(ordering: .acquiring)
        #expect(failure.withLock { $0 } == nil)
        #expect(observations > 1)
        #expect(try reader.datasets().first?.instanceCount == 300)
    }
}
