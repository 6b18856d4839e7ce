import ArgumentParser
import Foundation
import LakeEngine

/// `medlake manifest diff A B`: what changed between two versions.
struct ManifestDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show entries added, removed or changed, and flag and transform changes.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The older version (DATASET@VERSION) or manifest file.")
    var from: String

    @Argument(help: "The newer version (DATASET@VERSION) or manifest file.")
    var to: String

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let diff = ManifestDiff(
                try await manifest(from, lake), try await manifest(to, lake), fromName: from, toName: to)
            if options.json { return try printJSON(diff) }
            print(renderDiff(diff))
        }
    }

    /// The manifest `referenceOrFile` names: a file is read here, as the user (the lake service opens no
    /// file on a caller's behalf); anything else is a published version, fetched through the API.
    private func manifest(_ referenceOrFile: String, _ lake: any LakeAPI) async throws -> Manifest {
        if FileManager.default.fileExists(atPath: referenceOrFile) {
            return try Manifest.parse(Data(contentsOf: URL(fileURLWithPath: referenceOrFile)), source: referenceOrFile)
        }
        let document = try await lake.manifestDocument(version: referenceOrFile)
        return try Manifest.parse(Data(document.text.utf8), source: referenceOrFile)
    }
}

/// Human lines for a manifest diff (shared with `promote show`).
func renderDiff(_ diff: ManifestDiff) -> String {
    var lines = ["\(safe(diff.from)) → \(safe(diff.to)): \(diff.added.count) added, \(diff.removed.count) removed, "
        + "\(diff.changed.count) changed, \(diff.flagChanges.count) flag changes"]
    for entry in diff.added.prefix(20) { lines.append("  + \(safe(entry.path))  \(entry.sha256.prefix(12))") }
    for entry in diff.removed.prefix(20) { lines.append("  - \(safe(entry.path))  \(entry.sha256.prefix(12))") }
    for change in diff.changed.prefix(20) {
        lines.append("  ~ \(safe(change.from.path)) → \(safe(change.to.path))  \(change.from.sha256.prefix(12)) → \(change.to.sha256.prefix(12))")
    }
    let shown = min(diff.added.count, 20) + min(diff.removed.count, 20) + min(diff.changed.count, 20)
    let total = diff.added.count + diff.removed.count + diff.changed.count
    if shown < total { lines.append("  … \(total - shown) more (see --json)") }
    for flag in diff.flagChanges.prefix(20) {
        lines.append("  flag \(safe(flag.code)) on \(safe(flag.target)): \(flag.before ?? "none") → \(flag.after ?? "none")")
    }
    for transform in diff.transformsAdded {
        lines.append("  transform + \(safe(transform.name)) (\(transform.tool) \(transform.toolVersion))")
    }
    for transform in diff.transformsRemoved { lines.append("  transform - \(safe(transform.name))") }
    return lines.joined(separator: "\n")
}
