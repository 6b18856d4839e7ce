import Foundation
import LakeEngine

#if canImport(Glibc)
import Glibc
#endif

/// Builds a seedable lake's catalog on first open: a lake folder with a `sources/` folder and no
/// catalog yet (the committed `SampleLake/`). Prints one progress line while it ingests.
enum SampleLakeSetup {
    static let sourcesFolder = "sources"
    /// Larger objects made on first open (git-ignored) so that a migration takes long enough to watch.
    static let generatedFolder = "generated"

    /// Whether the folder `root` is a sample lake whose catalog was never made: it holds `sources/` and
    /// no catalog with data (a fresh clone of `SampleLake/`).
    static func isUnbuilt(root: String) -> Bool {
        var info = stat()
        guard FileManager.default.fileExists(atPath: root + "/" + sourcesFolder) else { return false }
        return stat(root + "/" + Lake.catalogFileName, &info) != 0 || info.st_size == 0
    }

    /// Takes group and others' access away from the sample lake's folder and everything directly in it
    /// (a clone's folders are usually 0755 and its files 0644): a lake opens in-process only when it is
    /// personal (``Lake/open(at:verifyingTiers:)``). Entries owned by someone else are left for that check
    /// to name.
    static func makePersonal(root: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for path in [root] + entries.map({ root + "/" + $0 }) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == geteuid(), info.st_mode & S_IFMT != S_IFLNK else { continue }
            chmod(path, info.st_mode & 0o7700)
        }
    }

    /// Whether `lake` holds sources but no datasets yet.
    static func needsSetup(_ lake: Lake) throws -> Bool {
        guard FileManager.default.fileExists(atPath: lake.root + "/" + sourcesFolder) else { return false }
        if lake.actorRoles.isEmpty { return true }
        return try lake.datasets().isEmpty
    }

    /// Makes the user a member of every role if the lake is unused (in the git-ignored `lake.local.toml`),
    /// ingests `sources/imaging` and `sources/genomics`, places objects in every tier, raises review flags
    /// and adds promotions and a training run (``addGovernance(_:)``). Returns the lake to browse and, when
    /// part of that could not be made, a note saying so.
    static func build(_ opened: Lake) async throws -> (Lake, SampleSetupNote?) {
        let lake = opened.actorRoles.isEmpty ? try opened.claimUnused() : opened
        let root = lake.root
        let started = Date()
        try FileManager.default.createDirectory(
            atPath: root + "/tiers", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let sets = [("sample-imaging", "imaging"), ("sample-genomics", "genomics")]
        for (dataset, folder) in sets {
            let path = root + "/" + sourcesFolder + "/" + folder
            guard FileManager.default.fileExists(atPath: path) else { continue }
            _ = try lake.ingest([path], dataset: dataset) { progress in
                FileHandle.standardError.write(Data(progressLine(dataset: dataset, progress).utf8))
            }
        }
        try generate(root + "/" + generatedFolder)
        for (dataset, folder) in [("sample-bulk", "bulk"), ("sample-warm", "warm"), ("sample-archive", "archive")] {
            _ = try lake.ingest([root + "/" + generatedFolder + "/" + folder], dataset: dataset,
                                options: IngestOptions(keepUnknown: true))
        }
        // Objects in every tier: genomics cold, two small sets warm and archive; a worker moves them now.
        try lake.queueMigration("sample-genomics", to: "cold")
        try lake.queueMigration("sample-warm", to: "warm")
        try lake.queueMigration("sample-archive", to: "archive")
        FileHandle.standardError.write(Data("\rBuilding the sample lake: placing objects in tiers\u{1B}[K".utf8))
        try await MigrationWorker(lake: lake, name: "sample-setup").run(untilIdle: true)
        let series = try lake.series(dataset: "sample-imaging")
        if let first = series.first {
            try lake.addFlag(target: first.series.seriesInstanceUID, code: "needs-review", severity: .warning,
                             note: "Check the slice count against the protocol")
        }
        if let last = series.last {
            try lake.addFlag(target: last.series.seriesInstanceUID, code: "consent-issue", severity: .blocking,
                             note: "Consent form not on file")
        }
        FileHandle.standardError.write(Data("\rBuilding the sample lake: promotions and a training run\u{1B}[K".utf8))
        let note = try await addGovernance(lake)
        // What the build made in the folder (generated/, tiers/) is as private as the rest.
        makePersonal(root: root)
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data("\rBuilt the sample lake in \(seconds) s.\u{1B}[K\n".utf8))
        if let note { FileHandle.standardError.write(Data((note.description + "\n").utf8)) }
        return (lake, note)
    }

    /// Writes the generated objects: six 4 MB blocks to migrate and two small blocks per extra tier,
    /// deterministic bytes (so re-generating them adds nothing to the lake).
    /// The self-overwriting progress line of one dataset's ingest. It ends by erasing the rest of the
    /// terminal line, so a shorter line never keeps the tail of a longer one (`5/5 filess`).
    static func progressLine(dataset: String, _ progress: IngestProgress) -> String {
        "\rBuilding the sample lake: \(dataset) \(progress.filesDone)/\(progress.filesTotal) files\u{1B}[K"
    }

    private static func generate(_ folder: String) throws {
        let sets: [(String, Int, Int)] = [("bulk", 6, 4 << 20), ("warm", 2, 64 << 10), ("archive", 2, 64 << 10)]
        for (name, count, size) in sets {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for index in 0..<count {
                let file = path + "/block-\(index).bin"
                if FileManager.default.fileExists(atPath: file) { continue }
                var generator = SplitMix(seed: UInt64(name.utf8.count * 100 + index))
                var bytes = [UInt8](repeating: 0, count: size)
                for offset in stride(from: 0, to: size, by: 8) {
                    let value = generator.next()
                    for shift in 0..<min(8, size - offset) { bytes[offset + shift] = UInt8(truncatingIfNeeded: value >> (shift * 8)) }
                }
                try Data(bytes).write(to: URL(fileURLWithPath: file))
            }
        }
    }
}
