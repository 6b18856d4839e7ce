import Catalog
import Foundation
import Storage
import Synchronization
import Testing

@testable import LakeEngine

/// `Lake.stage` on real lakes: folders, archive restores, corrupt objects, runs.
@Suite struct StageTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    /// Ingests `count` objects of `size` bytes into `a` and publishes them; returns the version.
    private func published(count: Int = 3, size: Int = 70_000) throws -> VersionSummary {
        try lake.ingestObjects("a", count: count, size: size)
        return try lake.owner.publishVersion(dataset: "a")
    }

    private func folder() -> String { NSTemporaryDirectory() + "stage-" + UUID().uuidString }

    /// The manifest's entries and their bytes in the lake (read through the catalog's tier).
    private func expectStaged(_ version: VersionSummary, in directory: String) throws {
        let manifest = try lake.owner.manifest(version.reference)
        let hot = try lake.owner.tier(named: "hot")
        for entry in manifest.entries {
            let staged = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + entry.path.trimmingPrefix("/")))
            #expect(ContentHasher.digest(of: Array(staged)).hex == entry.sha256, "\(entry.path)")
            if let digest = ObjectDigest(hex: entry.sha256), hot.contains(digest) {
                #expect(staged == (try Data(contentsOf: URL(fileURLWithPath: hot.path(of: digest)))))
            }
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        #expect(Array(written) == Array(try lake.owner.exportManifest(version.reference).bytes))
        #expect(!FileManager.default.fileExists(atPath: directory + "/.medlake-partial"))
    }

    @Test func stagesFromAFolderTierWithTheManifestsLayoutAndRerunsOnlyWhatChanged() async throws {
        let version = try published()
        let directory = folder()
        let first = try await lake.owner.stage(version.reference, to: directory)
        #expect(first.files == 3 && first.bytes == 210_000)
        #expect(first.methods[StageMethod.alreadyVerified.rawValue] == nil)
        try expectStaged(version, in: directory)

        // Never a hard link: the staged file is its own inode, and writing it leaves the lake's object alone.
        let entries = try lake.owner.manifest(version.reference).entries
        let stagedPath = directory + "/" + entries[0].path.trimmingPrefix("/")
        let objectPath = try lake.owner.tier(named: "hot").path(of: try ObjectDigest(hex: entries[0].sha256).orThrow())
        let stagedInode = try FileManager.default.attributesOfItem(atPath: stagedPath)[.systemFileNumber] as? Int
        let objectInode = try FileManager.default.attributesOfItem(atPath: objectPath)[.systemFileNumber] as? Int
        #expect(stagedInode != objectInode)

        let again = try await lake.owner.stage(version.reference, to: directory)
        #expect(again.methods == [StageMethod.alreadyVerified.rawValue: 3])

        // One staged file changed in place (same size), one deleted: both fetched again, the third kept.
        var changed = try Data(contentsOf: URL(fileURLWithPath: stagedPath))
        changed[100] ^= 0xFF
        try changed.write(to: URL(fileURLWithPath: stagedPath))
        try FileManager.default.removeItem(atPath: directory + "/" + entries[1].path.trimmingPrefix("/"))
        #expect(try lake.owner.verifyManifest(version.reference).isIntact, "the lake's object is untouched")
        let repaired = try await lake.owner.stage(version.reference, to: directory)
        #expect(repaired.methods[StageMethod.alreadyVerified.rawValue] == 1)
        #expect(repaired.methods.values.reduce(0, +) == 3)
        try expectStaged(version, in: directory)
    }

    @Test func aCorruptObjectFailsNamingItAndLeavesNoManifest() async throws {
        let version = try published()
        let entry = try lake.owner.manifest(version.reference).entries[1]
        let path = try lake.owner.tier(named: "hot").path(of: try ObjectDigest(hex: entry.sha256).orThrow())
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[10] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))

        let directory = folder()
        do {
            try await lake.owner.stage(version.reference, to: directory)
            Issue.record("a corrupt object must fail the staging")
        } catch let error as StageError {
            guard case .corruptSource(let object) = error else { throw error }
            #expect(object.path == entry.path && object.sha256 == entry.sha256)
            #expect(error.description.contains(entry.path))
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/manifest.json"), "not presented as complete")
        #expect(!FileManager.default.fileExists(atPath: directory + "/" + entry.path.trimmingPrefix("/")))
        #expect(!FileManager.default.fileExists(atPath: directory + "/.medlake-partial"), "no partial copy left")
    }

    @Test func archivedObjectsAreRestoredFirstOrListedWithNoRestore() async throws {
        let version = try published()
        try lake.owner.queueMigration("a", to: "archive")
        #expect(try await MigrationWorker(lake: lake.owner).runNextJob()?.state == .done)
        let paths = Set(try lake.owner.manifest(version.reference).entries.map(\.path))

        let refused = folder()
        do {
            try await lake.owner.stage(version.reference, to: refused, options: StageOptions(restore: false))
            Issue.record("--no-restore must fail on archived objects")
        } catch let error as StageError {
            guard case .needsRestore(_, let objects) = error else { throw error }
            #expect(Set(objects.map(\.path)) == paths)
            #expect(Set(objects.map(\.location)) == ["archive"])
        }
        #expect(!FileManager.default.fileExists(atPath: refused + "/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: refused + "/.medlake-partial"))

        let events = EventLog()
        let directory = folder()
        let report = try await lake.owner.stage(version.reference, to: directory, progress: { events.append($0) })
        #expect(report.restoredObjects == 3)
        #expect(Set(try lake.placements().values) == ["warm"])
        #expect(events.restoreSteps.last == 3, "restore progress reported up to the last object")
        try expectStaged(version, in: directory)
    }

    @Test func aRunBindsItsStagingsAndMustBeOnTheSameManifest() async throws {
        let version = try published()
        let image = "sha256:" + String(repeating: "cd", count: 32)
        let run = try lake.owner.recordRun(
            manifest: version.reference,
            context: RunContext(image: image, commit: "0123abcd", workflow: "wf", pod: "train-0", namespace: "ml"),
            parameters: [:])
        let runId = try run.id.orThrow()
        let directory = folder()
        let report = try await lake.owner.stage(version.reference, to: directory, options: StageOptions(run: runId))
        #expect(report.run == runId)
        let detail = try lake.owner.trainingRun(id: runId)
        #expect(detail.stagings.map(\.directory) == [report.directory])
        #expect(detail.pod == "train-0" && detail.namespace == "ml" && detail.version == version.reference)
        let explained = try lake.owner.explain(version.reference)
        #expect(explained.versions.first?.stagings.map(\.runId) == [runId])
        let audited = try lake.owner.auditEvents().filter { $0.action == "version.stage" }
        #expect(audited.count == 1 && audited.first?.details.contains("\"run\":\"\(runId)\"") == true)

        try lake.ingestObjects("a", count: 1, size: 500, seed: 9)
        let other = try lake.owner.publishVersion(dataset: "a")
        await #expect(throws: StageError.self) {
            try await lake.owner.stage(other.reference, to: folder(), options: StageOptions(run: runId))
        }
    }

    @Test func aManifestPathCannotLeaveTheFolder() throws {
        let layout = StageLayout(directory: "/scratch")
        #expect(try layout.path(of: "/data/a/b.dcm") == "/scratch/data/a/b.dcm")
        for bad in ["../etc/passwd", "a/../../b", "manifest.json", ".medlake-partial/x", "", "/", "./a"] {
            #expect(throws: StageError.self, "\(bad)") { try layout.path(of: bad) }
        }
    }
}

/// Stage events collected from the staging's tasks. Thread-safe.
final class EventLog: Sendable {
    private let events = Mutex<[StageEvent]>([])

    func append(_ event: StageEvent) { events.withLock { $0.append(event) } }

    /// Objects done at each restore step reported.
    var restoreSteps: [Int64] {
        events.withLock { events in
            events.compactMap { if case .restoring(_, let done, _) = $0 { done } else { nil } }
        }
    }
}
