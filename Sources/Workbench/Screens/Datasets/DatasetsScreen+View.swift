import Catalog
import LakeEngine
import TUI

extension DatasetsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        guard data.value != nil else {
            data.drawStatus(in: area, buffer: &buffer)
            return
        }
        let parts = area.split(.horizontal, [.percentage(45), .fill(1)], spacing: 1)
        let treeBlock = Block(title: "Datasets", isFocused: true)
        treeBlock.render(in: parts[0], buffer: &buffer)
        var tree = self.tree
        if tree.rows.isEmpty {
            buffer.write(filter.isEmpty ? "no datasets: ingest with `medlake ingest`" : "nothing matches /" + filter,
                         column: parts[0].x + 2, row: parts[0].y + 1, width: parts[0].width - 3, role: .muted)
        }
        Tree<String>().render(in: treeBlock.inner(parts[0]), buffer: &buffer, state: &tree)
        if let version = selectedVersion {
            let detail = Block(title: "Version " + version.reference)
            detail.render(in: parts[1], buffer: &buffer)
            var scroll = ScrollSelection(selected: nil)
            KeyValuePane(versionRows(version)).render(in: detail.inner(parts[1]), buffer: &buffer, state: &scroll)
            return
        }
        let detail = Block(title: "Dataset")
        detail.render(in: parts[1], buffer: &buffer)
        guard let summary = selected else {
            buffer.write("select a dataset", column: parts[1].x + 2, row: parts[1].y + 1, width: parts[1].width - 3,
                         role: .muted)
            return
        }
        let dataset = summary
        var scroll = ScrollSelection(selected: nil)
        KeyValuePane([
            ("name", dataset.name), ("zones", summary.zones.joined(separator: ", ")), ("status", dataset.status.rawValue),
            ("modalities", dataset.modalities.joined(separator: ",")), ("assays", dataset.assays.joined(separator: ",")),
            ("label", dataset.sensitivity), ("consent", dataset.consentScope.joined(separator: ",")),
            ("owner", dataset.owner),
            ("studies", String(summary.studyCount)), ("series", String(summary.seriesCount)),
            ("instances", String(summary.instanceCount)), ("samples", String(summary.sampleCount)),
            ("files", String(summary.fileCount)), ("size", Formatting.bytes(summary.byteCount)),
            ("open flags", String(summary.openFlagCount)),
        ] + Self.standingRows(standings[dataset.name]) + versionList(dataset.name))
            .render(in: detail.inner(parts[1]), buffer: &buffer, state: &scroll)
    }

    /// One row per version of the dataset once loaded (expanding the dataset loads them).
    private func versionList(_ dataset: String) -> [(key: String, value: String)] {
        switch versions[dataset] {
        case nil: return [("versions", "Enter lists them")]
        case .loading?: return [("versions", "loading…")]
        case .failed(let text)?: return [("versions", "error: " + text)]
        case .loaded(let list)?:
            if list.isEmpty { return [("versions", "none published")] }
            return list.reversed().map { ("v\($0.number) " + $0.zone, Self.versionDetail($0, runs: runs)) }
        }
    }

    /// The version's facts, then its manifest summary and verification once Enter opened it.
    private func versionRows(_ version: VersionOverview) -> [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = [
            ("reference", version.reference), ("state", version.state.rawValue), ("zone", version.zone),
            ("manifest", version.manifestHash ?? "none (draft)"), ("parent", version.parent ?? "none"),
            ("created by", version.createdBy), ("created at", Formatting.time(version.createdAt)),
            ("entries", String(version.entryCount)), ("quality score", String(format: "%.1f", version.qualityScore)),
            ("runs", String(version.manifestHash.flatMap { runs[$0] } ?? 0)),
        ]
        guard opened == version.reference else { return rows + [("verify", "Enter reads the manifest and verifies it")] }
        switch manifest {
        case .loaded(let value)?:
            rows += [("format", value.format), ("flags", String(value.flags.count)),
                     ("transforms", String(value.transforms.count)),
                     ("selection", value.selection.isEmpty ? "all members" : value.selection)]
            if let quality = value.quality { rows.append(("published score", String(format: "%.1f", quality.score))) }
        case .failed(let text)?: rows.append(("manifest", "error: " + text))
        case .loading?, nil: rows.append(("manifest", "reading…"))
        }
        switch verification {
        case .loaded(let result)?:
            if result.isIntact {
                rows.append(("verify", "OK: \(result.okCount) of \(result.entryCount) objects hash to the manifest"))
            } else {
                rows.append(("verify", "FAILED: \(result.problems.count) of \(result.entryCount) objects"
                             + (result.manifestIntact ? "" : ", manifest bytes changed")))
                rows += result.problems.prefix(8).map { ($0.status.rawValue, $0.path) }
            }
        case .failed(let text)?: rows.append(("verify", "error: " + text))
        case .loading?, nil: rows.append(("verify", "verifying…"))
        }
        return rows
    }

    /// The pane rows answering "can I use it, and how long is it kept".
    static func standingRows(_ standing: DatasetStanding?) -> [(key: String, value: String)] {
        guard let standing else { return [] }
        return [
            ("quality score", standing.qualityScore.map { String($0) } ?? "no version yet"),
            ("kept", standing.retention.summary),
            ("legal hold", standing.holds.isEmpty
                ? "none" : standing.holds.map { "#\($0.id) \($0.target): \($0.reason)" }.joined(separator: "; ")),
            ("superseded", standing.deprecation.map { "by \($0.successor): \($0.reason)" } ?? "no"),
        ]
    }
}
