import Catalog
import LakeEngine
import TUI

/// Studies → series → instances, with the selected instance's tag tree and preview and the series' flags.
struct ImagingState: Sendable {
    enum Level: Sendable, Hashable { case studies, series, instances }
    enum Focus: Sendable, Hashable { case list, tags }

    var level: Level = .studies
    var focus: Focus = .list
    var studies = ListPane([TableColumn("PATIENT"), TableColumn("DATE"), TableColumn("MODALITIES"),
                            TableColumn("SERIES", alignment: .right), TableColumn("DESCRIPTION", width: .fill()),
                            TableColumn("DATASET")])
    /// Series and instances are sorted by their queries (a study may hold 10,000 series); the column
    /// order matches ``seriesOrder`` and ``instanceOrder``.
    var series = ListPane([TableColumn("MOD"), TableColumn("BODY PART"), TableColumn("N", alignment: .right),
                           TableColumn("DESCRIPTION", width: .fill()),
                           TableColumn("SERIES UID", width: .fill(), truncation: .middle)], sortsInQuery: true)
    var instances = ListPane([TableColumn("#", alignment: .right), TableColumn("SIZE"), TableColumn("SYNTAX"),
                              TableColumn("SOP INSTANCE UID", width: .fill(), truncation: .middle)],
                             sortsInQuery: true)
    /// The study and series drilled into.
    var study: ListRow?
    var seriesRow: ListRow?
    var seriesFlags: [QualityFlag] = []
    var inspection: Loadable<InstanceInspection>?
    var inspectedUID: String?
    /// The tag tree's folds and the cursor over its shown lines.
    var tree = TagTree([])
    var tags = ScrollSelection()
    /// The tag search the matches were last revealed for.
    var revealedSearch = ""
    /// Window/level the user chose; nil: the file's.
    var window: (center: Double, width: Double)?

    var currentList: ListPane {
        get {
            switch level {
            case .studies: studies
            case .series: series
            case .instances: instances
            }
        }
        set {
            switch level {
            case .studies: studies = newValue
            case .series: series = newValue
            case .instances: instances = newValue
            }
        }
    }

    func reload(lake: Lake) -> Command<WorkbenchMessage> {
        switch level {
        case .studies: return Self.loadStudies(lake)
        case .series: return study.map { Self.loadSeries(lake, study: $0, order: seriesOrder) } ?? .none
        case .instances: return seriesRow.map { Self.loadInstances(lake, series: $0, order: instanceOrder) } ?? .none
        }
    }

    mutating func receive(_ message: WorkbenchMessage, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        switch message {
        case .studies(let rows): studies.apply(rows, filter: level == .studies ? filter : "")
        case .series(let rows): series.apply(rows, filter: level == .series ? filter : "")
        case .instances(let rows):
            instances.apply(rows, filter: level == .instances ? filter : "")
            return inspectSelected(lake: lake, filter: filter)
        case .seriesFlags(let flags): seriesFlags = flags
        case .inspection(let result):
            inspection = result
            tree = TagTree(result.value?.tags ?? [])
            tags = ScrollSelection()
            revealedSearch = ""
        default: break
        }
        return .none
    }

    mutating func navigate(_ key: Key, page: Int, filter: String, lake: Lake) -> Command<WorkbenchMessage> {
        if focus == .tags, level == .instances {
            tags.handle(key, count: tree.shown.count, page: page)
            return .none
        }
        currentList.navigate(key, page: page, filter: filter)
        return level == .instances ? inspectSelected(lake: lake, filter: filter) : .none
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        switch action {
        case .drillIn:
            guard let row = currentList.selected(filter: filter) else { return .none }
            switch level {
            case .studies:
                study = row
                level = .series
                series.rows = .loading
                model.filters[.imaging] = nil
                return Self.loadSeries(lake, study: row, order: seriesOrder)
            case .series:
                seriesRow = row
                level = .instances
                instances.rows = .loading
                inspection = nil
                inspectedUID = nil
                model.filters[.imaging] = nil
                return Self.loadInstances(lake, series: row, order: instanceOrder)
            case .instances:
                if focus == .tags, let line = selectedTagLine {
                    tree.isCollapsed(line) ? tree.expand(line) : tree.collapse(line)
                    keepCursor(on: line)
                }
                focus = .tags
            }
        case .back:
            if focus == .tags {
                focus = .list
            } else if level == .instances {
                level = .series
            } else if level == .series {
                level = .studies
            }
            model.filters[.imaging] = nil
        case .nextPane:
            if level == .instances { focus = focus == .list ? .tags : .list }
        case .expand, .collapse, .expandAll, .collapseAll, .nextMatch, .previousMatch:
            guard focus == .tags, level == .instances else { return .none }
            fold(action, filter: filter)
        case .windowCenterDown, .windowCenterUp, .windowWidthDown, .windowWidthUp, .windowReset:
            adjustWindow(action)
        case .addFlag:
            guard let target = level == .studies ? nil : (level == .series ? currentList.selected(filter: filter) : seriesRow)
            else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .add(target: target.id), title: "Add flag",
                lines: ["Series " + target.id, "in dataset " + target.dataset], choices: lake.flagVocabulary,
                openedAt: model.now))
        default: break
        }
        return .none
    }

    private mutating func adjustWindow(_ action: WorkbenchAction) {
        guard case .frame(let frame)? = inspection?.value?.preview else { return }
        var current = window ?? (frame.windowCenter, frame.windowWidth)
        let step = max(1, current.width / 10)
        switch action {
        case .windowCenterDown: current.center -= step
        case .windowCenterUp: current.center += step
        case .windowWidthDown: current.width = max(1, current.width - step)
        case .windowWidthUp: current.width += step
        default:
            window = nil
            return
        }
        window = current
    }

    /// Starts reading the selected instance if it is not the one shown.
    mutating func inspectSelected(lake: Lake, filter: String) -> Command<WorkbenchMessage> {
        guard let row = instances.selected(filter: level == .instances ? filter : ""), row.id != inspectedUID else {
            return .none
        }
        inspectedUID = row.id
        inspection = .loading
        tags = ScrollSelection()
        return .run { .inspection(Loadable { try lake.inspectInstance(dataset: row.dataset, sopInstanceUID: row.id) }) }
    }

    // MARK: - Tag tree

    /// The tag line under the cursor (an index into ``TagTree/lines``).
    var selectedTagLine: Int? {
        guard let position = tags.selected, position < tree.shown.count else { return nil }
        return tree.shown[position]
    }

    /// The tag search: the `/` text while the tags have the focus.
    func tagSearch(_ filter: String) -> String { focus == .tags && level == .instances ? filter : "" }

    /// Puts the cursor back on line `line` after the shown lines changed.
    mutating func keepCursor(on line: Int) {
        let position = tree.shown.firstIndex(of: line) ?? tree.shown.lastIndex { $0 < line } ?? 0
        tags.select(position, count: tree.shown.count)
    }

    /// → expands (or steps into), ← collapses (or steps out), +/− fold everything, n/N walk the matches.
    private mutating func fold(_ action: WorkbenchAction, filter: String) {
        guard let line = selectedTagLine else { return }
        switch action {
        case .expand:
            if tree.isFolder(line), tree.isCollapsed(line) {
                tree.expand(line)
                keepCursor(on: line)
            } else if tree.isFolder(line) {
                keepCursor(on: line + 1)
            }
        case .collapse:
            if tree.isFolder(line), !tree.isCollapsed(line) {
                tree.collapse(line)
                keepCursor(on: line)
            } else if let parent = tree.parent[line] {
                keepCursor(on: parent)
            }
        case .expandAll:
            tree.expandAll()
            keepCursor(on: line)
        case .collapseAll:
            tree.collapseAll()
            var top = line
            while let parent = tree.parent[top] { top = parent }
            keepCursor(on: top)
        case .nextMatch, .previousMatch:
            jumpToMatch(filter: filter, forward: action == .nextMatch, from: line + (action == .nextMatch ? 1 : -1))
        default: break
        }
    }

    /// Moves the cursor to the first match of the tag search at or after (`forward`) or before `line`,
    /// wrapping around, and expands the sequences and items holding it.
    mutating func jumpToMatch(filter: String, forward: Bool, from line: Int) {
        let matches = tree.matches(tagSearch(filter))
        guard !matches.isEmpty else { return }
        let target = forward ? (matches.first { $0 >= line } ?? matches[0])
            : (matches.last { $0 <= line } ?? matches[matches.count - 1])
        tree.reveal(target)
        keepCursor(on: target)
    }

    /// After the tag search changed: jumps to the first match from the cursor; once committed,
    /// expands every match so all of them show.
    mutating func searchChanged(filter: String, committed: Bool) {
        let search = tagSearch(filter)
        guard !search.isEmpty else { return }
        jumpToMatch(filter: filter, forward: true, from: selectedTagLine ?? 0)
        guard committed, search != revealedSearch, let current = selectedTagLine else { return }
        revealedSearch = search
        for match in tree.matches(search) { tree.reveal(match) }
        keepCursor(on: current)
    }

    // MARK: - Loading

    static func loadStudies(_ lake: Lake) -> Command<WorkbenchMessage> {
        .run {
            .studies(Loadable {
                try lake.datasets().filter { $0.studyCount > 0 }.flatMap { summary in
                    try lake.studies(dataset: summary.dataset.name).map { study in
                        ListRow(
                            id: study.study.studyInstanceUID,
                            cells: [study.study.patientPseudonym ?? "", study.study.studyDate ?? "", study.modalities,
                                    String(study.seriesCount), study.study.description ?? "", summary.dataset.name],
                            dataset: summary.dataset.name)
                    }
                }
            })
        }
    }

    /// The series sort as the catalog query's order (columns: MOD, BODY PART, N, DESCRIPTION, SERIES UID).
    var seriesOrder: ListingOrder<SeriesSortKey>? {
        let keys: [SeriesSortKey] = [.modality, .bodyPart, .instanceCount, .description, .seriesInstanceUID]
        return series.table.sort.flatMap { sort in
            sort.column < keys.count ? ListingOrder(keys[sort.column], ascending: sort.ascending) : nil
        }
    }

    /// The instance sort as the catalog query's order (columns: #, SIZE, SYNTAX, SOP INSTANCE UID).
    var instanceOrder: ListingOrder<InstanceSortKey>? {
        let keys: [InstanceSortKey] = [.instanceNumber, .matrixSize, .transferSyntaxUID, .sopInstanceUID]
        return instances.table.sort.flatMap { sort in
            sort.column < keys.count ? ListingOrder(keys[sort.column], ascending: sort.ascending) : nil
        }
    }

    static func loadSeries(_ lake: Lake, study: ListRow, order: ListingOrder<SeriesSortKey>?) -> Command<WorkbenchMessage> {
        .run {
            .series(Loadable {
                try lake.series(dataset: study.dataset, studyUID: study.id, order: order).map { listing in
                    let series = listing.series
                    return ListRow(
                        id: series.seriesInstanceUID,
                        cells: [series.modality, series.bodyPart ?? "", String(series.instanceCount),
                                series.description ?? "", series.seriesInstanceUID],
                        dataset: study.dataset)
                }
            })
        }
    }

    static func loadInstances(_ lake: Lake, series: ListRow, order: ListingOrder<InstanceSortKey>?)
        -> Command<WorkbenchMessage>
    {
        .batch([
            .run {
                .instances(Loadable {
                    try lake.instances(dataset: series.dataset, seriesUID: series.id, order: order).map { instance in
                        ListRow(
                            id: instance.sopInstanceUID,
                            cells: [instance.instanceNumber.map(String.init) ?? "",
                                    "\(instance.rows ?? 0)×\(instance.columns ?? 0)",
                                    TransferSyntaxName.short(instance.transferSyntaxUID ?? ""), instance.sopInstanceUID],
                            dataset: series.dataset)
                    }
                })
            },
            .run { .seriesFlags((try? lake.listFlags(FlagFilter(target: series.id))) ?? []) },
        ])
    }
}

extension ListPane {
    mutating func apply(_ rows: Loadable<[ListRow]>, filter: String) {
        switch rows {
        case .loaded(let list): setRows(list, filter: filter)
        case .loading, .failed: self.rows = rows
        }
    }
}
