import Catalog
import LakeEngine
import TUI

/// The datasets tree: modality or assay groups, each holding its datasets, and the selected
/// dataset's facts.
struct DatasetsScreen: WorkbenchScreen {
    enum Message: Sendable {
        case datasets(Loadable<[DatasetSummary]>)
        /// Keep periods, holds, deprecations and scores for the dataset pane.
        case standings([String: DatasetStanding])
    }

    static let screen = Screen.datasets
    static let keymap = Keymap<WorkbenchAction>([])

    var data: Loadable<[DatasetSummary]> = .loading
    var tree = TreeState<String>(roots: [])
    /// Keep period, holds, deprecation and score by dataset name (loaded beside the summaries).
    var standings: [String: DatasetStanding] = [:]
    var query = TextInputState()

    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let lake = context.lake
        return .batch([
            Self.run { .datasets(Loadable { try lake.datasets() }) },
            Self.run { .standings((try? lake.datasetStandings()) ?? [:]) },
        ])
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .datasets(let data):
            receive(data)
            return ScreenUpdate(flash: data.failureFlash(at: context.now))
        case .standings(let standings):
            self.standings = standings
            return ScreenUpdate()
        }
    }

    private mutating func receive(_ data: Loadable<[DatasetSummary]>) {
        self.data = data
        guard let datasets = data.value else { return }
        var groups: [String: [DatasetSummary]] = [:]
        for summary in datasets {
            let kinds = (summary.dataset.modalities.split(separator: ",").map { "imaging " + $0 }
                + summary.dataset.assays.split(separator: ",").map { "genomics " + $0 })
            for kind in kinds.isEmpty ? ["other"] : kinds { groups[kind, default: []].append(summary) }
        }
        let firstLoad = tree.roots.isEmpty
        tree.setRoots(groups.keys.sorted().map { key in
            TreeNode(id: "group:" + key, label: key, detail: "\(groups[key]?.count ?? 0) datasets", hasChildren: true)
        })
        for (key, members) in groups {
            tree.setChildren(members.map { summary in
                TreeNode(id: "dataset:" + key + ":" + summary.dataset.name, label: summary.dataset.name,
                         detail: summary.zones.joined(separator: ","))
            }, of: "group:" + key)
        }
        if firstLoad {
            for index in tree.rows.indices.reversed() {
                tree.selection.select(index, count: tree.rows.count)
                _ = tree.toggle()
            }
            tree.selection.select(0, count: tree.rows.count)
        }
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        switch key {
        case .left, .character("h"): tree.collapseOrSelectParent()
        case .right, .character("l"): _ = tree.toggle()
        default: tree.selection.handle(key, count: tree.rows.count, page: context.page)
        }
        return ScreenUpdate()
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        if action == .drillIn { _ = tree.toggle() }
        return ScreenUpdate()
    }

    var queryCounts: (matches: Int, total: Int) { (0, 0) }

    /// The dataset under the selection, if a dataset row is selected.
    var selected: DatasetSummary? {
        guard let id = tree.selectedRow?.node.id, id.hasPrefix("dataset:"),
            let name = id.split(separator: ":", maxSplits: 2).last
        else { return nil }
        return data.value?.first { $0.dataset.name == name }
    }
}

// MARK: - View

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
            buffer.write("no datasets: ingest with `medlake ingest`", column: parts[0].x + 2, row: parts[0].y + 1,
                         width: parts[0].width - 3, role: .muted)
        }
        Tree<String>().render(in: treeBlock.inner(parts[0]), buffer: &buffer, state: &tree)
        let detail = Block(title: "Dataset")
        detail.render(in: parts[1], buffer: &buffer)
        guard let summary = selected else {
            buffer.write("select a dataset", column: parts[1].x + 2, row: parts[1].y + 1, width: parts[1].width - 3,
                         role: .muted)
            return
        }
        let dataset = summary.dataset
        var scroll = ScrollSelection(selected: nil)
        KeyValuePane([
            ("name", dataset.name), ("zones", summary.zones.joined(separator: ", ")), ("status", dataset.status.rawValue),
            ("modalities", dataset.modalities), ("assays", dataset.assays), ("label", dataset.sensitivity),
            ("consent", dataset.consentScope), ("owner", dataset.owner),
            ("studies", String(summary.studyCount)), ("series", String(summary.seriesCount)),
            ("instances", String(summary.instanceCount)), ("samples", String(summary.sampleCount)),
            ("files", String(summary.fileCount)), ("size", Formatting.bytes(summary.byteCount)),
            ("open flags", String(summary.openFlagCount)),
        ] + Self.standingRows(standings[dataset.name])).render(in: detail.inner(parts[1]), buffer: &buffer, state: &scroll)
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
