import Catalog
import LakeEngine
import TUI

/// Studies → series → instances, with the selected instance's tag tree and preview and the series' flags.
///
/// Each level keeps its `/` filter and cursor: Enter drills in with an empty filter, Esc comes back to
/// the parent's filter with the cursor on the study or series drilled into. In the instance view
/// `>`/`<` step to the next or previous series and `)`/`(` to the next or previous study, and `x` records
/// the series as reviewed and opens the next one (the QC loop). Space marks studies or series; `a` then
/// flags every marked one.
struct ImagingScreen: WorkbenchScreen {
    enum Level: Sendable, Hashable { case studies, series, instances }
    enum Focus: Sendable, Hashable { case list, tags }

    enum Message: Sendable {
        /// The first page of the studies (all of them when they fit in one).
        case studies(Loadable<RowPage>)
        /// A further page of a windowed study list.
        case studyPage(RowPageRequest, Loadable<RowPage>)
        /// The first page of a study's series (all of them when they fit in one).
        case series(Loadable<RowPage>)
        /// A further page of a windowed series list.
        case seriesPage(RowPageRequest, Loadable<RowPage>)
        /// The first page of a series' instances (all of them when they fit in one).
        case instances(Loadable<RowPage>)
        /// A further page of a windowed instance list.
        case instancePage(RowPageRequest, Loadable<RowPage>)
        case seriesFlags([FlagSummary])
        case inspection(Loadable<InstanceInspection>)
        /// A series (or study) another screen asked to open, found in the catalog.
        case located(Loadable<Location>)
    }

    /// Where a series another screen opens sits: its study's row and its own (nil for a study), and the
    /// series' position in its study's series list.
    struct Location: Sendable {
        var study: ListRow
        var series: ListRow?
        var seriesIndex: Int?
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
        KeyBinding([.character(" ")], .toggleMark, help: "mark", group: "Flags"),
        KeyBinding([.character("x")], .reviewedNext, help: "reviewed, next", group: "Review"),
        KeyBinding([.character(">")], .nextSeries, help: "next series", group: "Review", inHintBar: false),
        KeyBinding([.character("<")], .previousSeries, help: "previous series", group: "Review", inHintBar: false),
        KeyBinding([.character(")")], .nextStudy, help: "next study", group: "Review", inHintBar: false),
        KeyBinding([.character("(")], .previousStudy, help: "previous study", group: "Review", inHintBar: false),
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
                            TableColumn("SERIES", alignment: .right), TableColumn("FLAGS"),
                            TableColumn("DESCRIPTION", width: .fill()), TableColumn("DATASET")],
                           windowSortColumns: Set(Self.studySorts.keys))
    var series = ListPane([TableColumn("MOD"), TableColumn("BODY PART"), TableColumn("N", alignment: .right),
                           TableColumn("DESCRIPTION", width: .fill()),
                           TableColumn("SERIES UID", width: .fill(), truncation: .middle), TableColumn("FLAGS")],
                          windowSortColumns: Set(Self.seriesSorts.keys))
    var instances = ListPane([TableColumn("#", alignment: .right), TableColumn("SIZE"), TableColumn("SYNTAX"),
                              TableColumn("SOP INSTANCE UID", width: .fill(), truncation: .middle)],
                             windowSortColumns: Set(Self.instanceSorts.keys))
    /// The study and series drilled into.
    var study: ListRow?
    var seriesRow: ListRow?
    var seriesFlags: [FlagSummary] = []
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
    /// The `/` line of each level left by drilling in, given back by Esc.
    var parentQueries: [Level: TextInputState] = [:]
    /// Marked study or series UIDs, per list level (Space).
    var marks: [Level: Set<String>] = [:]
    /// After `)`/`(`: open the first series of the study whose series are loading.
    var opensFirstSeries = false
    /// Where the series list's cursor goes once its first page is back (a located series, which may lie
    /// on a later page of a windowed list).
    var pendingSeriesIndex: Int?

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
        switch level {
        case .studies: return Self.loadStudies(context.api)
        case .series: return study.map { Self.loadSeries(context.api, study: $0) } ?? .none
        case .instances: return seriesRow.map { Self.loadInstances(context, series: $0) } ?? .none
        }
    }

    /// The `/` text a level filters with: the live line on the level shown, the kept one above it.
    func filter(on list: Level) -> String {
        list == level ? filter : (parentQueries[list]?.text ?? "")
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .studies(let rows):
            studies.apply(rows, filter: filter(on: .studies))
            if let study { studies.select(id: study.id, filter: filter(on: .studies)) }
            return ScreenUpdate(studyPages(context), flash: rows.failureFlash(at: context.now))
        case .studyPage(let request, let rows):
            studies.receive(rows, asked: request)
            return ScreenUpdate(studyPages(context), flash: rows.failureFlash(at: context.now))
        case .series(let rows):
            // A located series' index is its place in listing order: the list opens unsorted on it.
            if pendingSeriesIndex != nil { series.table.sort = nil }
            series.apply(rows, filter: filter(on: .series))
            if let index = pendingSeriesIndex, series.window != nil {
                series.table.selection.select(index, count: series.total)
            } else if let seriesRow {
                series.select(id: seriesRow.id, filter: filter(on: .series))
            }
            pendingSeriesIndex = nil
            if opensFirstSeries, level == .instances, let first = series.row(at: 0, filter: "") {
                opensFirstSeries = false
                series.select(id: first.id, filter: "")
                return ScreenUpdate(.batch([open(series: first, context: context), seriesPages(context)]))
            }
            return ScreenUpdate(seriesPages(context), flash: rows.failureFlash(at: context.now))
        case .seriesPage(let request, let rows):
            series.receive(rows, asked: request)
            return ScreenUpdate(seriesPages(context), flash: rows.failureFlash(at: context.now))
        case .instances(let rows):
            instances.apply(rows, filter: level == .instances ? filter : "")
            return ScreenUpdate(.batch([inspectSelected(context: context), instancePages(context)]),
                                flash: rows.failureFlash(at: context.now))
        case .instancePage(let request, let rows):
            instances.receive(rows, asked: request)
            let inspect = level == .instances ? inspectSelected(context: context) : .none
            return ScreenUpdate(.batch([inspect, instancePages(context)]), flash: rows.failureFlash(at: context.now))
        case .seriesFlags(let flags): seriesFlags = flags
        case .inspection(let result):
            inspection = result
            tree = TagTree(result.value?.tags ?? [])
            tags = ScrollSelection()
            revealedSearch = ""
            return ScreenUpdate(flash: result.failureFlash(at: context.now))
        case .located(.loaded(let location)):
            study = location.study
            parentQueries = [:]
            query = TextInputState()
            focus = .list
            var commands = [Self.loadStudies(context.api), Self.loadSeries(context.api, study: location.study)]
            pendingSeriesIndex = location.seriesIndex
            if let found = location.series {
                level = .instances
                commands.append(open(series: found, context: context))
            } else {
                level = .series
                series.startLoading()
            }
            return ScreenUpdate(.batch(commands))
        case .located(let failure):
            return ScreenUpdate(flash: failure.failureFlash(at: context.now))
        }
        return ScreenUpdate()
    }

    /// Another screen asks to show a series or study.
    mutating func reveal(_ target: ScreenTarget, context: ScreenContext) -> ScreenUpdate {
        guard case .imaging(let uid) = target else { return ScreenUpdate(load(context)) }
        return ScreenUpdate(Self.locate(uid, context: context))
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        if focus == .tags, level == .instances {
            tags.handle(key, count: tree.shown.count, page: context.page)
            return ScreenUpdate()
        }
        currentList.navigate(key, page: context.page, filter: filter)
        switch level {
        case .studies: return ScreenUpdate(studyPages(context))
        case .series: return ScreenUpdate(seriesPages(context))
        case .instances: return ScreenUpdate(.batch([inspectSelected(context: context), instancePages(context)]))
        }
    }

    /// The tag search jumps to its matches as typed; the lists narrow as typed.
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        if focus == .list, currentList.window != nil {
            currentList.reorderWindow(filter: filter)
            return listReordered(context: context)
        }
        if focus == .list { currentList.clamp(filter: filter) }
        searchChanged(committed: committed)
        return ScreenUpdate()
    }

    /// A windowed list sorted or filtered anew fetches its first pages in the new order.
    mutating func listReordered(context: ScreenContext) -> ScreenUpdate {
        switch level {
        case .studies: ScreenUpdate(studyPages(context))
        case .series: ScreenUpdate(seriesPages(context))
        case .instances: ScreenUpdate(.batch([instancePages(context), inspectSelected(context: context)]))
        }
    }

    var queryCounts: (matches: Int, total: Int) {
        if focus == .tags && level == .instances { return (tree.matches(filter).count, tree.lines.count) }
        return (currentList.count(filter: filter), currentList.total)
    }

    func confirm(_ request: FlagRequest, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(request.command(answer: answer, api: context.api))
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        switch action {
        case .drillIn:
            guard let row = currentList.selected(filter: filter) else { return ScreenUpdate() }
            switch level {
            case .studies:
                parentQueries[.studies] = query
                query = TextInputState()
                return ScreenUpdate(open(study: row, context: context))
            case .series:
                parentQueries[.series] = query
                query = TextInputState()
                return ScreenUpdate(open(series: row, context: context))
            case .instances:
                if focus == .tags, let line = selectedTagLine {
                    tree.isCollapsed(line) ? tree.expand(line) : tree.collapse(line)
                    keepCursor(on: line)
                }
                focus = .tags
            }
        case .back:
            back()
        case .nextPane:
            if level == .instances { focus = focus == .list ? .tags : .list }
        case .expand, .collapse, .expandAll, .collapseAll, .nextMatch, .previousMatch:
            guard focus == .tags, level == .instances else { return ScreenUpdate() }
            fold(action)
        case .windowCenterDown, .windowCenterUp, .windowWidthDown, .windowWidthUp, .windowReset:
            adjustWindow(action)
        case .toggleMark:
            toggleMark()
            return listReordered(context: context)
        case .addFlag:
            return addFlag(context: context)
        case .nextSeries, .previousSeries:
            guard level == .instances, let next = series.step(action == .nextSeries ? 1 : -1, filter: filter(on: .series))
            else { return ScreenUpdate() }
            return ScreenUpdate(.batch([open(series: next, context: context), seriesPages(context)]))
        case .nextStudy, .previousStudy:
            guard level != .studies, let next = studies.step(action == .nextStudy ? 1 : -1, filter: filter(on: .studies))
            else { return ScreenUpdate() }
            opensFirstSeries = level == .instances
            parentQueries[.series] = nil
            if level == .series { query = TextInputState() }
            return ScreenUpdate(.batch([open(study: next, context: context, level: level), studyPages(context)]))
        case .reviewedNext:
            return reviewedNext(context: context)
        default: break
        }
        return ScreenUpdate()
    }

    // MARK: - Moving between levels

    /// Shows the series of `row`, at the series level unless `level` says otherwise.
    private mutating func open(study row: ListRow, context: ScreenContext, level: Level = .series)
        -> Command<WorkbenchMessage>
    {
        study = row
        self.level = level
        series.startLoading()
        marks[.series] = nil
        return Self.loadSeries(context.api, study: row)
    }

    /// Shows the instances of `row`.
    mutating func open(series row: ListRow, context: ScreenContext) -> Command<WorkbenchMessage> {
        seriesRow = row
        level = .instances
        instances.startLoading()
        inspection = nil
        inspectedUID = nil
        seriesFlags = []
        return Self.loadInstances(context, series: row)
    }

    /// Fetches the pages of a windowed study list its cursor needs (none for a list held whole).
    private mutating func studyPages(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let requests = studies.pageRequests()
        return requests.isEmpty ? .none : Self.loadStudyPages(context.api, requests: requests)
    }

    /// Fetches the pages of a windowed series list its cursor needs (none for a list held whole).
    private mutating func seriesPages(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let requests = series.pageRequests()
        guard let study, !requests.isEmpty else { return .none }
        return Self.loadSeriesPages(context.api, study: study, requests: requests)
    }

    /// Fetches the pages of a windowed instance list its cursor needs (none for a list held whole).
    private mutating func instancePages(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let requests = instances.pageRequests()
        guard let seriesRow, !requests.isEmpty else { return .none }
        return Self.loadInstancePages(context.api, series: seriesRow, requests: requests)
    }

    /// Esc: from the tags to the list, or up one level with that level's filter and cursor back.
    private mutating func back() {
        if focus == .tags {
            focus = .list
            query = TextInputState()
            return
        }
        switch level {
        case .studies: break
        case .series:
            level = .studies
            query = parentQueries.removeValue(forKey: .studies) ?? TextInputState()
            if let study { studies.select(id: study.id, filter: filter) }
        case .instances:
            level = .series
            query = parentQueries.removeValue(forKey: .series) ?? TextInputState()
            if let seriesRow { series.select(id: seriesRow.id, filter: filter) }
        }
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
    mutating func inspectSelected(context: ScreenContext) -> Command<WorkbenchMessage> {
        guard let row = instances.selected(filter: level == .instances ? filter : ""), row.id != inspectedUID else {
            return .none
        }
        inspectedUID = row.id
        inspection = .loading
        tags = ScrollSelection()
        let api = context.api
        return Self.run {
            .inspection(await .awaiting {
                try await api.inspectInstance(InstanceInspectionQuery(dataset: row.dataset, sopInstanceUID: row.id))
            })
        }
    }
}
