import Catalog
import Foundation
import GRDB
import Storage
import Testing

/// `kill -9` in the middle of an ingest leaves a consistent catalog, and running the ingest again
/// completes it.
@Suite(.serialized)
struct KillMidIngestCLITests {
    static let fileCount = 4000

    @Test func killedIngestLeavesWholeBatchesAndRerunCompletes() throws {
        let base = NSTemporaryDirectory() + "kill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let input = base + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for index in 0..<Self.fileCount {
            let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index &* 7 &+ $0 >> 8 &* index) }
            try Data(bytes + Array("\(index)".utf8)).write(to: URL(fileURLWithPath: input + "/f\(index).bin"))
        }
        let lake = base + "/lake"
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)

        let (process, _, _) = try MedLakeProcess.start(["ingest", input, "--dataset", "d", "--keep-unknown", "--lake", lake])
        let catalog = try CatalogStore(path: lake + "/catalog.sqlite")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            let batches = try catalog.reader.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEvent WHERE action = 'ingest'") ?? 0
            }
            if batches >= 1 { break }
            usleep(2000)
        }
        let killedMidWay = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(killedMidWay, "the ingest finished before it could be killed")

        // Consistent: SQLite is sound, the chain verifies, every cataloged object is on disk with its bytes,
        // and the catalog holds exactly the files the committed batches announced.
        let (integrity, hashes, announced) = try catalog.reader.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try String.fetchAll(db, sql: "SELECT o.sha256 FROM datasetFile f JOIN object o ON o.id = f.objectId"),
                try String.fetchAll(db, sql: "SELECT details FROM auditEvent WHERE action = 'ingest'")
            )
        }
        #expect(integrity == "ok")
        #expect(hashes.count < Self.fileCount)
        let announcedFiles = announced.compactMap { details in
            (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8)))?["files"].flatMap { Int($0) }
        }.reduce(0, +)
        #expect(announcedFiles == hashes.count)
        let tier = FileSystemTier(name: "hot", root: lake + "/tiers/hot")
        for hash in hashes {
            let digest = try #require(ObjectDigest(hex: hash))
            #expect(try ContentHasher.digest(ofFileAt: tier.path(of: digest)).digest == digest, "object \(hash) is damaged")
        }
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(verified.status == 0, "\(verified.stdout)")

        let rerun = try MedLakeProcess.run(["ingest", input, "--dataset", "d", "--keep-unknown", "--lake", lake, "--json"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(rerun.stdout.utf8))
        #expect(report.filesAlreadyPresent == hashes.count)
        #expect(report.filesAdded == Self.fileCount - hashes.count)
        let total = try catalog.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM datasetFile") }
        #expect(total == Self.fileCount)
    }

    private struct ReportJSON: Decodable {
        var filesAdded: Int
        var filesAlreadyPresent: Int
    }
}
