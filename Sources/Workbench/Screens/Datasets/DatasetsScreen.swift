import Catalog
import Foundation
import LakeEngine
import TUI

/// The datasets tree: modality or assay groups, each holding its datasets, each dataset holding its
/// versions (zone, manifest hash, creator and time, training runs), and the selected node's facts.
///
/// `/` narrows the tree to the datasets whose name, zones, kinds, status or owner hold the text.
/// Enter on a group or dataset expands it (a dataset's versions load then); Enter on a version reads
/// its manifest and re-hashes every object it lists (`manifest verify`) off the main actor.
struct DatasetsScreen: WorkbenchScreen {
    enum Message: Sendable {
        case datasets(Loadable<[DatasetOverview]>)
        /// Keep periods, holds, deprecations and scores for the dataset pane.
        case standings([String: DatasetStanding])
        /// A dataset's versions and the training runs per manifest hash.
        case versions(dataset: String, Loadable<[VersionOverview]>, runs: [String: Int])
        case manifest(reference: String, Loadable<Manifest>)
        case verification(reference: String, Loadable<ManifestVerification>)
    }

    static let screen = Screen.datasets
    static let keymap = Keymap<WorkbenchAction>([])

    var data: Loadable<[DatasetOverview]> = .loading
    var tree = TreeState<String>(roots: [])
    /// Keep period, holds, deprecation and score by dataset name (loaded beside the summaries; the API
    /// does not carry keep periods yet, so a served lake shows none).
    var standings: [String: DatasetStanding] = [:]
    /// Versions by dataset name, loaded when a dataset is first expanded.
    var versions: [String: Loadable<[VersionOverview]>] = [:]
    /// Training runs recorded per manifest hash.
    var runs: [String: Int] = [:]
    /// The version Enter opened (`DATASET@N`), its manifest and its verification.
    var opened: String?
    var manifest: Loadable<Manifest>?
    var verification: Loadable<ManifestVerification>?
    var query = TextInputState()

    /// The datasets, one page of ``Workbench/pageLimit``: a lake holds tens or hundreds of datasets, not
    /// thousands, so this list is held whole rather than windowed like the series and samples.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let (api, engine) = (context.api, context.engine)
        let loaded = Array(versions.keys)
        let page = DatasetQuery(page: PageRequest(limit: Workbench.pageLimit))
        return .batch([
            Self.run { .datasets(await .awaiting { try await api.datasets(page).items }) },
            Self.run { .standings((try? engine?.datasetStandings()) ?? [:]) },
        ] + loaded.map { Self.loadVersions(of: $0, api: api) })
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .datasets(let data):
            self.data = data
            rebuildTree()
            return ScreenUpdate(flash: data.failureFlash(at: context.now))
        case .standings(let standings):
            self.standings = standings
        case .versions(let dataset, let loaded, let runs):
            versions[dataset] = loaded
            self.runs.merge(runs) { _, new in new }
            setVersionNodes(of: dataset)
            return ScreenUpdate(flash: loaded.failureFlash(at: context.now))
        case .manifest(let reference, let loaded):
            guard reference == opened else { break }
            manifest = loaded
        case .verification(let reference, let result):
            guard reference == opened else { break }
            verification = result
        }
        return ScreenUpdate()
    }

    // MARK: - Keys

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        switch key {
        case .left, .character("h"): tree.collapseOrSelectParent()
        case .right, .character("l"): return ScreenUpdate(toggle(api: context.api))
        default: tree.selection.handle(key, count: tree.rows.count, page: context.page)
        }
        return ScreenUpdate()
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        guard action == .drillIn else { return ScreenUpdate() }
        if let version = selectedVersion {
            guard version.manifestHash != nil else {
                return ScreenUpdate(flash: FlashMessage(
                    "\(version.reference) is the draft: no manifest until it is published.", level: .info,
                    at: context.now, for: .seconds(5)))
            }
            return ScreenUpdate(open(version, api: context.api))
        }
        return ScreenUpdate(toggle(api: context.api))
    }

    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        rebuildTree()
        return ScreenUpdate()
    }

    /// Another screen asks for the datasets holding some text (Overview's zone rows).
    mutating func reveal(_ target: ScreenTarget, context: ScreenContext) -> ScreenUpdate {
        if case .datasets(let text) = target {
            query = TextInputState(text: text)
            rebuildTree()
        }
        return ScreenUpdate(load(context))
    }

    var queryCounts: (matches: Int, total: Int) { (matching.count, data.value?.count ?? 0) }

    /// Expands or collapses the selected node, loading a dataset's versions the first time.
    private mutating func toggle(api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard case .needsChildren(let id) = tree.toggle(), let name = Self.datasetName(id) else { return .none }
        if versions[name]?.value != nil {
            setVersionNodes(of: name)
            return .none
        }
        return Self.loadVersions(of: name, api: api)
    }

    /// Reads the version's manifest and starts verifying its objects, both off the main actor.
    private mutating func open(_ version: VersionOverview, api: any LakeAPI) -> Command<WorkbenchMessage> {
        let reference = version.reference
        opened = reference
        manifest = .loading
        verification = .loading
        return .batch([
            Self.run {
                .manifest(reference: reference, await .awaiting {
                    let document = try await api.manifestDocument(version: reference)
                    return try Manifest.parse(Data(document.text.utf8), source: reference)
                })
            },
            Self.run {
                .verification(reference: reference, await .awaiting { try await api.verifyManifest(.version(reference)) })
            },
        ])
    }

    /// A dataset's versions (one page of ``Workbench/pageLimit``) and, for each published one, how many
    /// training runs used its manifest (the page total of a one-item page).
    static func loadVersions(of dataset: String, api: any LakeAPI) -> Command<WorkbenchMessage> {
        run {
            let loaded = await Loadable.awaiting {
                try await api.versions(VersionQuery(dataset: dataset, page: PageRequest(limit: Workbench.pageLimit))).items
            }
            var runs: [String: Int] = [:]
            for hash in (loaded.value ?? []).compactMap(\.manifestHash) {
                let page = try? await api.trainingRuns(RunQuery(manifest: hash, page: PageRequest(limit: 1)))
                runs[hash] = page?.total ?? 0
            }
            return .versions(dataset: dataset, loaded, runs: runs)
        }
    }

    // MARK: - Tree

    /// The datasets the `/` text selects (all when it is empty).
    var matching: [DatasetOverview] {
        let datasets = data.value ?? []
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return datasets }
        return datasets.filter { dataset in
            let kinds = [dataset.modalities.joined(separator: ","), dataset.assays.joined(separator: ",")]
            return ([dataset.name, dataset.status.rawValue, dataset.owner] + kinds + dataset.zones)
                .contains { $0.lowercased().contains(needle) }
        }
    }

    /// Groups the matching datasets by modality and assay; the first build expands every group.
    private mutating func rebuildTree() {
        guard data.value != nil else { return }
        var groups: [String: [DatasetOverview]] = [:]
        for summary in matching {
            let kinds = summary.modalities.map { "imaging " + $0 } + summary.assays.map { "genomics " + $0 }
            for kind in kinds.isEmpty ? ["other"] : kinds { groups[kind, default: []].append(summary) }
        }
        let firstLoad = tree.roots.isEmpty
        let selected = tree.selectedRow?.node.id
        tree.setRoots(groups.keys.sorted().map { key in
            TreeNode(id: "group:" + key, label: key, detail: "\(groups[key]?.count ?? 0) datasets", hasChildren: true)
        })
        for (key, members) in groups {
            tree.setChildren(members.map { summary in
                TreeNode(id: "dataset:" + key + ":" + summary.name, label: summary.name,
                         detail: summary.zones.joined(separator: ","), hasChildren: true)
            }, of: "group:" + key)
        }
        if firstLoad {
            for index in tree.rows.indices.reversed() where tree.rows[index].depth == 0 {
                tree.selection.select(index, count: tree.rows.count)
                _ = tree.toggle()
            }
            tree.selection.select(0, count: tree.rows.count)
        } else if let selected, let index = tree.rows.firstIndex(where: { $0.node.id == selected }) {
            tree.selection.select(index, count: tree.rows.count)
        } else {
            tree.selection.clamp(count: tree.rows.count)
        }
    }

    /// Puts `dataset`'s versions under each of its nodes.
    private mutating func setVersionNodes(of dataset: String) {
        let loaded = versions[dataset]?.value ?? []
        let nodeIDs = tree.rows.map(\.node.id).filter { Self.datasetName($0) == dataset }
        for id in nodeIDs {
            tree.setChildren(loaded.reversed().map { version in
                TreeNode(id: "version:" + version.reference, label: "v\(version.number) " + version.zone,
                         detail: Self.versionDetail(version, runs: runs))
            }, of: id)
        }
    }

    /// `a1b2c3d4e5f6 · alice 2026-11-25 04:02:47 · 2 runs` (the draft: `draft · …`).
    static func versionDetail(_ version: VersionOverview, runs: [String: Int]) -> String {
        let hash = version.manifestHash.map { String($0.prefix(12)) } ?? version.state.rawValue
        let count = version.manifestHash.flatMap { runs[$0] } ?? 0
        return hash + " · " + version.createdBy + " " + Formatting.time(version.createdAt) + " · "
            + (count == 1 ? "1 run" : "\(count) runs")
    }

    /// The dataset name in a dataset node's id (`dataset:GROUP:NAME`).
    static func datasetName(_ id: String) -> String? {
        guard id.hasPrefix("dataset:"), let name = id.split(separator: ":", maxSplits: 2).last else { return nil }
        return String(name)
    }

    /// The dataset under the selection, if a dataset row is selected.
    var selected: DatasetOverview? {
        guard let id = tree.selectedRow?.node.id, let name = Self.datasetName(id) else { return nil }
        return data.value?.first { $0.name == name }
    }

    /// The version under the selection, if a version row is selected.
    var selectedVersion: VersionOverview? {
        guard let id = tree.selectedRow?.node.id, id.hasPrefix("version:") else { return nil }
        let reference = String(id.dropFirst("version:".count))
        let dataset = reference.split(separator: "@").first.map(String.init) ?? ""
        return versions[dataset]?.value?.first { $0.reference == reference }
    }
}
