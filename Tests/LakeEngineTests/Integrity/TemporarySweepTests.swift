import Foundation
import Storage
import Testing

@testable import LakeEngine

/// In-flight files of dead writers go at the next ingest or worker start, however young; a live writer's
/// stay, and so do a job's own staged copies (its next worker removes and counts them).
@Suite struct TemporarySweepTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    /// Writes a 1 MB temporary file named for an exited process (with `owner`) in `tier`'s `tmp` folder.
    private func deadWritersFile(in tier: String, owner: String = "") throws -> String {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let stamp = ProcessStamp(pid: child.processIdentifier, bootID: ProcessStamp.current.bootID)
        let prefix = owner.isEmpty ? "object-" : "object-\(owner)-"
        let path = lake.root + "/tiers/\(tier)/tmp/" + prefix + stamp.nameComponent + "left.partial"
        try Data(repeating: 1, count: 1 << 20).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func liveFile(in tier: String) throws -> String {
        let path = lake.root + "/tiers/\(tier)/tmp/object-" + ProcessStamp.current.nameComponent + "busy.partial"
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theNextIngestRemovesADeadIngestsFiles() throws {
        let dead = try deadWritersFile(in: "hot")
        let live = try liveFile(in: "hot")
        try lake.ingestObjects("a", count: 1, size: 100)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test func theNextWorkerRemovesDeadWritersFilesButNotJobCopies() async throws {
        let dead = try deadWritersFile(in: "warm")
        let jobCopy = try deadWritersFile(in: "cold", owner: "job7")
        let live = try liveFile(in: "hot")
        try await MigrationWorker(lake: lake.owner).run(untilIdle: true)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: jobCopy), "left to the job's next worker, which counts it")
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
