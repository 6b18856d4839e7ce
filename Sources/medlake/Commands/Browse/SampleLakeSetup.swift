import Foundation
import LakeEngine

/// Builds a seedable lake's catalog on first open: a lake folder with a `sources/` folder and no
/// catalog yet (the committed `SampleLake/`). Prints one progress line while it ingests.
enum SampleLakeSetup {
    static let folderName = "SampleLake"
    static let sourcesFolder = "sources"

    /// Whether `lake` holds sources but no datasets yet.
    static func needsSetup(_ lake: Lake) throws -> Bool {
        guard FileManager.default.fileExists(atPath: lake.root + "/" + sourcesFolder) else { return false }
        if lake.actorRoles.isEmpty { return true }
        return try lake.datasets().isEmpty
    }

    /// Makes the user a member of every role if the lake is unused, ingests `sources/imaging` and
    /// `sources/genomics` and raises review flags of each severity. Returns the lake to browse.
    static func build(_ opened: Lake) throws -> Lake {
        let lake = opened.actorRoles.isEmpty ? try opened.claimUnused() : opened
        let root = lake.root
        let started = Date()
        try FileManager.default.createDirectory(
            atPath: root + "/tiers", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o2770])
        let sets = [("sample-imaging", "imaging"), ("sample-genomics", "genomics")]
        for (dataset, folder) in sets {
            let path = root + "/" + sourcesFolder + "/" + folder
            guard FileManager.default.fileExists(atPath: path) else { continue }
            _ = try lake.ingest([path], dataset: dataset) { progress in
                let line = "Building the sample lake: \(dataset) \(progress.filesDone)/\(progress.filesTotal) files"
                FileHandle.standardError.write(Data(("\r" + line).utf8))
            }
        }
        let series = try lake.series(dataset: "sample-imaging")
        if let first = series.first {
            try lake.addFlag(target: first.series.seriesInstanceUID, code: "needs-review", severity: .warning,
                             note: "Check the slice count against the protocol")
        }
        if let last = series.last {
            try lake.addFlag(target: last.series.seriesInstanceUID, code: "consent-issue", severity: .blocking,
                             note: "Consent form not on file")
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data("\rBuilt the sample lake in \(seconds) s.\u{1B}[K\n".utf8))
        return lake
    }
}
