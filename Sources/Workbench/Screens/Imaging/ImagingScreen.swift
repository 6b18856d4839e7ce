import Catalog
import LakeEngine
import TUI

/// Studies → series → instances, with the selected instance's tag tree and preview and the series' flags.
struct ImagingScreen: WorkbenchScreen {
    enum Level: Sendable, Hashable { case studies, series, instances }
    enum Focus: Sendable, Hashable { case list, tags }

    enum Message: Sendable {
        case studies(Loadable<[ListRow]>)
        case series(Loadable<[ListRow]>)
        case instances(Loadable<[ListRow]>)
        case seriesFlags([QualityFlag])
        case inspection(Loadable<InstanceInspection>)
    }

    typealias Request = FlagRequest

    static let screen = Screen.imaging
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("[")], .windowCenterDown, help: "level −", group: "Preview", inHintBar: false),
        KeyBinding([.character("]")], .windowCenterUp, help: "level +", group: "Preview", inHintBar: false),
        KeyBinding([.character("{")], .windowWidthDown, help: "window −", group: "Preview", inHintBar: false),
        KeyBinding([.character("}")], .windowWidthUp, help: "window +", group: "Preview", inHintBar: false),
        KeyBinding([.character("0")], .windowReset, help: "window from file", group: "Preview", inHintBar: false),
        KeyBinding([.character("a")], .addFlag, help: "flag series", group: "Flags"),
        KeyBinding([.right, .character("l")], .expand, help: "expand", group: "Tags", inHintBar: false),
        KeyBinding([.left, .character("h")], .collapse, help: "collapse", group: "Tags", inHintBar: false),
        KeyBinding([.character("+")], .expandAll, help: "expand all", group: "Tags", inHintBar: false),
        KeyBinding([.character("-")], .collapseAll, help: "collapse all", group: "Tags", inHintBar: false),
        KeyBinding([.character("n")], .nextMatch, help: "next match", group: "Tags", inHintBar: false),
        KeyBinding([.character("N")], .previousMatch, help: "previous match", group: "Tags", inHintBar: false),
    ])
    static let queryHelp = [HelpSection(title: "Tag search (/ on tags)", hints: [
        Hint(keys: "text", help: "jumps to the first match"), Hint(keys: "Enter", help: "expands every match"),
    ])]

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
    var query = TextInputState()

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

    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let lake = context.lake
        switch level {
        case .studies: return Self.loadStudies(lake)
        case .series: return study.map { Self.loadSeries(lake, study: $0, order: seriesOrder) } ?? .none
        case .instances: return seriesRow.map { Self.loadInstances(lake, series: $0, order: instanceOrder) } ?? .none
        }
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        let lake = context.lake
        switch message {
        case .studies(let rows):
            studies.apply(rows, filter: level == .studies ? filter : "")
            return ScreenUpdate(flash: rows.failureFlash(at: context.now))
        case .series(let rows):
            series.apply(rows, filter: level == .series ? filter : "")
            return ScreenUpdate(flash: rows.failureFlash(at: context.now))
        case .instances(let rows):
            instances.apply(rows, filter: level == .instances ? filter : "")
            return ScreenUpdate(inspectSelected(lake: lake), flash: rows.failureFlash(at: context.now))
        case .seriesFlags(let flags): seriesFlags = flags
        case .inspection(let result):
            inspection = result
            tree = TagTree(result.value?.tags ?? [])
            tags = ScrollSelection()
            revealedSearch = ""
            return ScreenUpdate(flash: result.failureFlash(at: context.now))
        }
        return ScreenUpdate()
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        if focus == .tags, level == .instances {
            tags.handle(key, count: tree.shown.count, page: context.page)
            return ScreenUpdate()
        }
        currentList.navigate(key, page: context.page, filter: filter)
        return ScreenUpdate(level == .instances ? inspectSelected(lake: context.lake) : .none)
    }

    /// The tag search jumps to its matches as typed; the lists narrow as typed.
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        if focus == .list { currentList.clamp(filter: filter) }
        searchChanged(committed: committed)
        return ScreenUpdate()
    }

    var queryCounts: (matches: Int, total: Int) {
        if focus == .tags && level == .instances { return (tree.matches(filter).count, tree.lines.count) }
        return (currentList.visible(filter: filter).count, currentList.rows.value?.count ?? 0)
    }

    func confirm(_ request: FlagRequest, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(request.command(answer: answer, lake: context.lake))
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let lake = context.lake
        switch action {
        case .drillIn:
            guard let row = currentList.selected(filter: filter) else { return ScreenUpdate() }
            switch level {
            case .studies:
                study = row
                level = .series
                series.rows = .loading
                query = TextInputState()
                return ScreenUpdate(Self.loadSeries(lake, study: row, order: seriesOrder))
            case .series:
                seriesRow = row
                level = .instances
                instances.rows = .loading
                inspection = nil
                inspectedUID = nil
                query = TextInputState()
                return ScreenUpdate(Self.loadInstances(lake, series: row, order: instanceOrder))
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
            query = TextInputState()
        case .nextPane:
            if level == .instances { focus = focus == .list ? .tags : .list }
        case .expand, .collapse, .expandAll, .collapseAll, .nextMatch, .previousMatch:
            guard focus == .tags, level == .instances else { return ScreenUpdate() }
            fold(action)
        case .windowCenterDown, .windowCenterUp, .windowWidthDown, .windowWidthUp, .windowReset:
            adjustWindow(action)
        case .addFlag:
            guard let target = level == .studies ? nil : (level == .series ? currentList.selected(filter: filter) : seriesRow)
            else { return ScreenUpdate() }
            let choices = FlagCodeChoices(lake: lake, kind: .series)
            return ScreenUpdate(dialog: Self.dialog(
                .add(target: target.id), title: "Add flag",
                lines: ["Series " + target.id, "in dataset " + target.dataset], choices: choices.codes,
                option: choices.severity, context: context))
        default: break
        }
        return ScreenUpdate()
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
    mutating func inspectSelected(lake: Lake) -> Command<WorkbenchMessage> {
        guard let row = instances.selected(filter: level == .instances ? filter : ""), row.id != inspectedUID else {
            return .none
        }
        inspectedUID = row.id
        inspection = .loading
        tags = ScrollSelection()
        return Self.run { .inspection(Loadable { try lake.inspectInstance(dataset: row.dataset, sopInstanceUID: row.id) }) }
    }

    // MARK: - Tag tree

    /// The tag line under the cursor (an index into ``TagTree/lines``).
    var selectedTagLine: Int? {
        guard let position = tags.selected, position < tree.shown.count else { return nil }
        return tree.shown[position]
    }

    /// The tag search: the `/` text while the tags have the focus.
    var tagSearch: String { focus == .tags && level == .instances ? filter : "" }

    /// Puts the cursor back on line `line` after the shown lines changed.
    mutating func keepCursor(on line: Int) {
        let position = tree.shown.firstIndex(of: line) ?? tree.shown.lastIndex { $0 < line } ?? 0
        tags.select(position, count: tree.shown.count)
    }

    /// → expands (or steps into), ← collapses (or steps out), +/− fold everything, n/N walk the matches.
    private mutating func fold(_ action: WorkbenchAction) {
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
            jumpToMatch(forward: action == .nextMatch, from: line + (action == .nextMatch ? 1 : -1))
        default: break
        }
    }

    /// Moves the cursor to the first match of the tag search at or after (`forward`) or before `line`,
    /// wrapping around, and expands the sequences and items holding it.
    mutating func jumpToMatch(forward: Bool, from line: Int) {
        let matches = tree.matches(tagSearch)
        guard !matches.isEmpty else { return }
        let target = forward ? (matches.first { $0 >= line } ?? matches[0])
            : (matches.last { $0 <= line } ?? matches[matches.count - 1])
        tree.reveal(target)
        keepCursor(on: target)
    }

    /// After the tag search changed: jumps to the first match from the cursor; once committed,
    /// expands every match so all of them show.
    mutating func searchChanged(committed: Bool) {
        let search = tagSearch
        guard !search.isEmpty else { return }
        jumpToMatch(forward: true, from: selectedTagLine ?? 0)
        guard committed, search != revealedSearch, let current = selectedTagLine else { return }
        revealedSearch = search
        for match in tree.matches(search) { tree.reveal(match) }
        keepCursor(on: current)
    }

    // MARK: - Loading

    static func loadStudies(_ lake: Lake) -> Command<WorkbenchMessage> {
        run {
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

    static func loadSeries(_ lake: Lake, study: ListRow, order: ListingOrder<SeriesSortKey>?)
        -> Command<WorkbenchMessage>
    {
        run {
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
            run {
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
            run { .seriesFlags((try? lake.listFlags(FlagFilter(target: series.id))) ?? []) },
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
