import Catalog
import LakeEngine
import TUI

/// Samples → files → inspector: the selected file's stored facts, its header read on demand through
/// ``ReviewOperations/inspectGenomicFile(_:)`` (contigs, read groups, programs, INFO/FORMAT/FILTER,
/// sample columns), integrity, and the sample's flags.
///
/// The `/` line filters the samples while they have the focus and searches the inspector while it has;
/// the samples keep their filter while the other panes are used.
struct GenomicsScreen: WorkbenchScreen {
    enum Focus: Sendable, Hashable { case samples, files, inspector }

    enum Message: Sendable {
        /// The first page of samples (all of them when they fit in one).
        case samples(Loadable<RowPage>)
        /// A further page of a windowed samples list.
        case samplePage(RowPageRequest, Loadable<RowPage>)
        case files(Loadable<[GenomicFileEntry]>)
        case inspection(Loadable<GenomicFileInspection>)
    }

    typealias Request = FlagRequest

    static let screen = Screen.genomics
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("a")], .addFlag, help: "flag sample", group: "Flags"),
        KeyBinding([.character(" ")], .toggleMark, help: "mark", group: "Flags"),
        KeyBinding([.character("]")], .nextSection, help: "next section", group: "Inspector"),
        KeyBinding([.character("S")], .streamFile, help: "stream records", group: "Inspector"),
        KeyBinding([.character("[")], .previousSection, help: "previous section", group: "Inspector", inHintBar: false),
    ])
    static let queryHelp = [HelpSection(title: "Search (/)", hints: [
        Hint(keys: "samples", help: "filters the samples"), Hint(keys: "inspector", help: "narrows the lines"),
    ])]

    var focus: Focus = .samples
    var samples = ListPane([TableColumn("SAMPLE"), TableColumn("ASSAY"), TableColumn("REFERENCE"),
                            TableColumn("FORMATS"), TableColumn("FILES", alignment: .right), TableColumn("DATASET")],
                           windowSortColumns: Set(Self.sampleSorts.keys))

    /// The engine's sort for each column of the samples list a window can be sorted by (FORMATS cannot).
    static let sampleSorts: [Int: SampleSort] = [0: .name, 1: .assay, 2: .reference, 4: .files, 5: .dataset]
    /// The sample whose files are shown.
    var filesOf: ListRow?
    var files: Loadable<[GenomicFileEntry]>?
    var fileSelection = ScrollSelection()
    /// The header read of the selected file, and which file it is for.
    var inspection: Loadable<GenomicFileInspection>?
    var inspectedFile: String?
    var inspector = InspectorPane()
    /// The samples' filter while another pane has the `/` line.
    var sampleFilter = ""
    var query = TextInputState()
    /// Marked sample names (Space on the samples); `a` flags all of them.
    var marks: Set<String> = []
    /// A sample another screen asked to show, selected once the samples are loaded.
    var pendingSample: String?

    var selectedFile: GenomicFileEntry? {
        guard let entries = files?.value, let index = fileSelection.selected, index < entries.count else { return nil }
        return entries[index]
    }

    /// The text filtering the samples, given the screen's `/` text.
    var sampleSearch: String { focus == .samples ? filter : sampleFilter }

    /// The text searching the inspector, given the screen's `/` text.
    var inspectorSearch: String { focus == .inspector ? filter : "" }

    /// The samples' first page; a longer listing becomes a window (see `ListPane+Window.swift`).
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        return Self.run { .samples(await Self.samplePage(api, request: ListPane.firstPage)) }
    }

    /// One page of the samples as rows.
    private static func samplePage(_ api: any LakeAPI, request: RowPageRequest) async -> Loadable<RowPage> {
        await .awaiting {
            let order = request.engineOrder(sampleSorts, natural: .dataset)
            let query = SampleQuery(sort: order.sort, descending: order.descending, text: order.text, page: request.page)
            return RowPage(request, try await api.samples(query)) { sample in
                ListRow(
                    id: sample.name,
                    cells: [sample.name, sample.assay ?? "", sample.referenceGenome ?? "",
                            sample.formats.joined(separator: ","), String(sample.fileCount), sample.dataset],
                    dataset: sample.dataset)
            }
        }
    }

    /// Fetches the pages of a windowed samples list its cursor needs (none for a list held whole).
    private mutating func samplePages(_ api: any LakeAPI) -> Command<WorkbenchMessage> {
        .batch(samples.pageRequests().map { request in
            Self.run { .samplePage(request, await Self.samplePage(api, request: request)) }
        })
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        let api = context.api
        switch message {
        case .samples(let rows):
            samples.apply(rows, filter: sampleSearch)
            let flash = rows.failureFlash(at: context.now)
            let pages = samplePages(api)
            if let name = pendingSample, rows.value != nil {
                pendingSample = nil
                if samples.select(id: name, filter: sampleSearch) {
                    let files = loadFiles(api: api)
                    return ScreenUpdate(.batch([files, focus(.files, api: api), pages]), flash: flash)
                }
                return ScreenUpdate(pages, flash: FlashMessage("Sample \(name) is not listed.", level: .warning,
                                                               at: context.now, for: .seconds(5)))
            }
            if focus == .samples, filesOf == nil { return ScreenUpdate(.batch([loadFiles(api: api), pages]), flash: flash) }
            return ScreenUpdate(pages, flash: flash)
        case .samplePage(let request, let rows):
            samples.receive(rows, asked: request)
            let files = focus == .samples ? loadFiles(api: api) : .none
            return ScreenUpdate(.batch([files, samplePages(api)]), flash: rows.failureFlash(at: context.now))
        case .files(let result):
            files = result
            fileSelection.clamp(count: result.value?.count ?? 0)
            rebuildInspector()
            let flash = result.failureFlash(at: context.now)
            if focus != .samples { return ScreenUpdate(inspectSelectedFile(api: api), flash: flash) }
            return ScreenUpdate(flash: flash)
        case .inspection(let result):
            switch result {
            case .loaded(let value) where value.entry.sha256 != inspectedFile: return ScreenUpdate()
            case .failed where inspection?.value != nil: return ScreenUpdate()
            default: break
            }
            inspection = result
            rebuildInspector()
        }
        return ScreenUpdate()
    }

    /// Another screen asks to show a sample: the samples lose their filter and the cursor goes to it.
    mutating func reveal(_ target: ScreenTarget, context: ScreenContext) -> ScreenUpdate {
        if case .sample(let name) = target {
            pendingSample = name
            if focus != .samples { _ = focus(.samples, api: context.api) }
            query = TextInputState()
            sampleFilter = ""
        }
        return ScreenUpdate(load(context))
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        switch focus {
        case .samples:
            samples.navigate(key, page: context.page, filter: filter)
            return ScreenUpdate(.batch([loadFiles(api: context.api), samplePages(context.api)]))
        case .files:
            fileSelection.handle(key, count: files?.value?.count ?? 0, page: context.page)
            rebuildInspector()
            return ScreenUpdate(inspectSelectedFile(api: context.api))
        case .inspector:
            inspector.navigate(key, page: context.page, search: filter)
            return ScreenUpdate()
        }
    }

    /// Keeps the selections valid after the `/` text changed.
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        if focus == .samples, samples.window != nil {
            samples.reorderWindow(filter: filter)
            return ScreenUpdate(samplePages(context.api))
        }
        switch focus {
        case .samples: samples.clamp(filter: filter)
        case .files: break
        case .inspector: inspector.selection.clamp(count: inspector.visible(search: filter).count)
        }
        return ScreenUpdate()
    }

    /// A windowed samples list sorted anew fetches its first pages in the new order.
    mutating func listReordered(context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(samplePages(context.api))
    }

    var queryCounts: (matches: Int, total: Int) {
        if focus == .inspector { return (inspector.matchCount(search: filter), inspector.lines.count) }
        return (samples.count(filter: sampleSearch), samples.total)
    }

    func confirm(_ request: FlagRequest, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(request.command(answer: answer, api: context.api))
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let api = context.api
        switch action {
        case .drillIn:
            switch focus {
            case .samples: return ScreenUpdate(focus(.files, api: api))
            case .files: return ScreenUpdate(focus(.inspector, api: api))
            case .inspector: return ScreenUpdate()
            }
        case .nextPane:
            let next: Focus = focus == .samples ? .files : (focus == .files ? .inspector : .samples)
            return ScreenUpdate(focus(next, api: api))
        case .back:
            switch focus {
            case .samples: return ScreenUpdate()
            case .files: return ScreenUpdate(focus(.samples, api: api))
            case .inspector: return ScreenUpdate(focus(.files, api: api))
            }
        case .nextSection, .previousSection:
            guard focus == .inspector else { return ScreenUpdate() }
            inspector.jumpSection(forward: action == .nextSection, search: filter)
        case .toggleMark:
            guard focus == .samples, let row = samples.selected(filter: sampleSearch) else { return ScreenUpdate() }
            if marks.remove(row.id) == nil { marks.insert(row.id) }
            samples.navigate(.down, page: 1, filter: sampleSearch)
            return ScreenUpdate(.batch([loadFiles(api: api), samplePages(api)]))
        case .streamFile:
            return ScreenUpdate(inspectSelectedFile(api: api, streaming: true))
        case .addFlag:
            let choices = FlagCodeChoices(session: context.session, kind: .sample)
            let marked = samples.inListOrder(marks)
            if !marked.isEmpty {
                return ScreenUpdate(dialog: Self.dialog(
                    .add(targets: marked), title: "Add flag to \(marked.count) marked",
                    lines: marked.prefix(4).map { "Sample " + $0 } + (marked.count > 4 ? ["and \(marked.count - 4) more"] : []),
                    choices: choices.codes, option: choices.severity, context: context))
            }
            guard let row = filesOf ?? samples.selected(filter: sampleSearch) else { return ScreenUpdate() }
            return ScreenUpdate(dialog: Self.dialog(
                .add(targets: [row.id]), title: "Add flag", lines: ["Sample " + row.id, "in dataset " + row.dataset],
                choices: choices.codes, option: choices.severity, context: context))
        default: break
        }
        return ScreenUpdate()
    }

    /// Moves the focus, handing the `/` line to the pane that gets it.
    private mutating func focus(_ next: Focus, api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard next != focus else { return .none }
        if focus == .samples { sampleFilter = query.text }
        query = next == .samples ? TextInputState(text: sampleFilter) : TextInputState()
        focus = next
        inspector.selection.clamp(count: inspector.visible(search: "").count)
        let files = loadFiles(api: api)
        return next == .samples ? files : .batch([files, inspectSelectedFile(api: api)])
    }

    /// Starts listing the selected sample's files (one page of ``Workbench/pageLimit``) if they are not
    /// the ones shown.
    mutating func loadFiles(api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard let row = samples.selected(filter: sampleSearch),
            row.dataset != filesOf?.dataset || row.id != filesOf?.id
        else { return .none }
        filesOf = row
        files = .loading
        fileSelection = ScrollSelection()
        inspection = nil
        inspectedFile = nil
        rebuildInspector()
        return Self.run {
            .files(await .awaiting {
                let query = GenomicFileQuery(
                    dataset: row.dataset, sample: row.id, page: PageRequest(limit: Workbench.pageLimit))
                return try await api.genomicFiles(query).items
            })
        }
    }

    /// Starts reading the selected file's header if it is not the one inspected; `streaming` reads
    /// every record too, even when the header is already shown.
    mutating func inspectSelectedFile(api: any LakeAPI, streaming: Bool = false) -> Command<WorkbenchMessage> {
        guard let sample = filesOf, let file = selectedFile, streaming || file.sha256 != inspectedFile else {
            return .none
        }
        inspectedFile = file.sha256
        inspection = .loading
        rebuildInspector()
        return Self.run {
            .inspection(await .awaiting {
                try await api.inspectGenomicFile(GenomicFileInspectionQuery(
                    dataset: sample.dataset, sample: sample.id, sha256: file.sha256, streaming: streaming))
            })
        }
    }

    private mutating func rebuildInspector() {
        guard let file = selectedFile else {
            inspector = InspectorPane()
            return
        }
        let matching = inspectedFile == file.sha256 ? inspection : nil
        let selection = inspector.selection
        inspector = InspectorPane(sections: GenomicsSections.build(file: file, inspection: matching))
        inspector.selection = selection
        inspector.selection.clamp(count: inspector.lines.count)
    }
}
