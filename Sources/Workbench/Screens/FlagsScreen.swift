import Catalog
import LakeEngine
import TUI

/// The review queue: flags narrowed by `key:value` terms sent to the engine (`severity:`, `state:`,
/// `code:`, `dataset:`, `target:`) plus free text over the rows, with add, resolve, waive and reopen
/// through dialogs. `s` and `t` cycle the severity and state terms in the same `/` text, so the query line is
/// the one place a filter lives; it starts as `state:open`.
///
/// More flags than one answer holds make the list a window of pages around the cursor (see
/// `ListPane+Window.swift`): the free text and `o`/`O` then go to the engine too, and the flags of the
/// pages held (and the marked ones) are kept for the actions on them.
struct FlagsScreen: SingleListScreen {
    enum Message: Sendable {
        /// The first page of the flags the terms select (all of them when they fit in one).
        case flags(Loadable<FlagRows>)
        /// A further page of a windowed flag list.
        case page(RowPageRequest, Loadable<FlagRows>)
    }

    /// A page of flags as rows, with the flags themselves for the actions on them and the engine query
    /// (the terms) it was cut from.
    struct FlagRows: Sendable {
        var page: RowPage
        var flags: [FlagSummary]
        var query: FlagQuery
    }

    typealias Request = FlagRequest

    static let screen = Screen.flags
    static let queryKeys: Set<String> = ["severity", "state", "code", "dataset", "target"]
    /// The query the screen opens with: the open flags.
    static let initialQuery = "state:open"
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("a")], .addFlag, help: "add", group: "Flags"),
        KeyBinding([.character("r")], .resolveFlag, help: "resolve", group: "Flags"),
        KeyBinding([.character("w")], .waiveFlag, help: "waive", group: "Flags"),
        KeyBinding([.character("u")], .reopenFlag, help: "reopen", group: "Flags"),
        KeyBinding([.character(" ")], .toggleMark, help: "mark", group: "Flags"),
        KeyBinding([.character("s")], .cycleSeverity, help: "severity", group: "Filters"),
        KeyBinding([.character("t")], .cycleState, help: "state", group: "Filters"),
    ])
    static let queryHelp = [HelpSection(title: "Query (/)", hints: [
        Hint(keys: "severity:", help: "blocking|warning|info|any"),
        Hint(keys: "state:", help: "open|resolved|waived|any"),
        Hint(keys: "code:", help: "a vocabulary code"), Hint(keys: "dataset:", help: "a dataset name"),
        Hint(keys: "target:", help: "a UID, sample or hash"), Hint(keys: "words", help: "free text"),
    ])]

    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("SEVERITY"), TableColumn("STATE"),
                         TableColumn("CODE"), TableColumn("KIND"), TableColumn("TARGET", width: .auto(max: 36), truncation: .middle),
                         TableColumn("NOTE", width: .fill())], windowSortColumns: Set(Self.flagSorts.keys))
    /// The flags of the rows held (every row of a list held whole; a window's pages and the marked flags).
    var flags: [String: FlagSummary] = [:]
    /// The terms of the listing shown (as last loaded): a window's further pages are cut from it, not from
    /// terms typed on the `/` line and not yet committed.
    var listed: FlagQuery?
    var query = TextInputState(text: initialQuery)
    /// Marked flag ids (Space): `a`, `r` and `w` act on all of them.
    var marks: Set<String> = []

    /// The engine query for `query` (its first page of ``Workbench/pageLimit`` flags), or why a term is not
    /// understood.
    static func engineFilter(_ query: FilterQuery) -> Result<FlagQuery, QueryTermError> {
        var filter = FlagQuery(code: query.terms["code"], target: query.terms["target"], dataset: query.terms["dataset"],
                               page: PageRequest(limit: Workbench.pageLimit))
        if let state = query.terms["state"], state != "any" {
            guard let value = FlagState(rawValue: state) else {
                return .failure(QueryTermError(key: "state", value: state, allowed: FlagState.allCases.map(\.rawValue)))
            }
            filter.state = value
        }
        if let severity = query.terms["severity"], severity != "any" {
            guard let value = FlagSeverity(rawValue: severity) else {
                return .failure(QueryTermError(key: "severity", value: severity,
                                               allowed: FlagSeverity.allCases.map(\.rawValue)))
            }
            filter.severity = value
        }
        return .success(filter)
    }

    /// The engine's sort for each column of the flag list a window can be sorted by (NOTE cannot).
    static let flagSorts: [Int: FlagSort] = [0: .id, 1: .severity, 2: .state, 3: .code, 4: .kind, 5: .target]

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .flags(let data):
            if let loaded = data.value {
                flags = Dictionary(loaded.flags.map { (String($0.id), $0) }) { $1 }
                listed = loaded.query
            }
            list.apply(data.map(\.page), filter: filter)
            // A list held whole shows every flag the terms select: marks on others are gone.
            if list.window == nil, data.value != nil { marks.formIntersection(flags.keys) }
            return ScreenUpdate(pages(context), flash: data.failureFlash(at: context.now))
        case .page(let request, let data):
            list.receive(data.map(\.page), asked: request)
            if let loaded = data.value {
                for flag in loaded.flags { flags[String(flag.id)] = flag }
                let kept = Set((list.window?.heldRows ?? []).map(\.id)).union(marks)
                flags = flags.filter { kept.contains($0.key) }
            }
            return ScreenUpdate(pages(context), flash: data.failureFlash(at: context.now))
        }
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        list.navigate(key, page: context.page, filter: filter)
        return ScreenUpdate(pages(context))
    }

    /// Free text narrows a list held whole as typed, and a windowed one through the engine; terms go to the
    /// engine once the `/` line is committed.
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        if committed, query.text.hasSuffix(" ") {
            query = TextInputState(text: query.text.trimmingCharacters(in: .whitespaces))
        }
        if committed { return ScreenUpdate(load(context)) }
        guard list.window != nil else {
            list.clamp(filter: filter)
            return ScreenUpdate()
        }
        list.reorderWindow(filter: filter)
        return ScreenUpdate(pages(context))
    }

    /// A windowed flag list sorted anew fetches its first pages in the new order.
    mutating func listReordered(context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(pages(context))
    }

    /// Fetches the pages of a windowed flag list its cursor needs (none for a list held whole).
    private mutating func pages(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let requests = list.pageRequests()
        guard !requests.isEmpty, let query = listed else { return .none }
        let api = context.api
        return .batch(requests.map { request in
            Self.run { .page(request, await Self.flagRows(api, query: query, request: request)) }
        })
    }

    /// One page of the flags `query` selects, cut as `request` says (its sort and free text too).
    private static func flagRows(_ api: any LakeAPI, query: FlagQuery, request: RowPageRequest) async
        -> Loadable<FlagRows>
    {
        await .awaiting {
            let terms = query
            var query = query
            (query.sort, query.descending, query.text) = request.engineOrder(flagSorts, natural: .id)
            query.page = request.page
            let page = try await api.flags(query)
            return FlagRows(page: RowPage(request, page, row: row), flags: page.items, query: terms)
        }
    }

    /// A flag as a row of the list.
    private static func row(_ flag: FlagSummary) -> ListRow {
        ListRow(id: String(flag.id),
                cells: [String(flag.id), flag.severity.rawValue, flag.state.rawValue, flag.code, flag.targetKind.rawValue,
                        flag.target, flag.note])
    }

    /// The filter bar: each term with its value, `any` when absent.
    static func title(_ query: FilterQuery) -> String {
        "Flags  " + ["severity", "state", "code", "dataset"].map { $0 + ":" + (query.terms[$0] ?? "any") }
            .joined(separator: " ") + (query.terms["target"].map { " target:" + $0 } ?? "")
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let selected = list.selected(filter: filter).flatMap { flags[$0.id] }
        switch action {
        case .cycleState:
            cycle("state", through: ["open", "resolved", "waived", nil])
            return ScreenUpdate(load(context))
        case .cycleSeverity:
            cycle("severity", through: [nil, "blocking", "warning", "info"])
            return ScreenUpdate(load(context))
        case .toggleMark:
            guard let row = list.selected(filter: filter) else { return ScreenUpdate() }
            if marks.remove(row.id) == nil { marks.insert(row.id) }
            list.navigate(.down, page: 1, filter: filter)
            return ScreenUpdate(pages(context))
        case .resolveFlag, .waiveFlag:
            let resolve = action == .resolveFlag
            let chosen = markedFlags.isEmpty ? (selected.map { [$0] } ?? []) : markedFlags
            let ids = chosen.map(\.id)
            guard let first = chosen.first, !ids.isEmpty else { return ScreenUpdate() }
            let verb = resolve ? "Resolve" : "Waive"
            let lines = ids.count == 1
                ? ["\(first.severity.rawValue) \(first.code) on \(first.targetKind.rawValue)", first.target]
                : chosen.prefix(4).map { "#\($0.id) \($0.severity.rawValue) \($0.code) on \($0.target)" }
                    + (chosen.count > 4 ? ["and \(chosen.count - 4) more"] : [])
            return ScreenUpdate(dialog: Self.dialog(
                resolve ? .resolve(flagIDs: ids) : .waive(flagIDs: ids),
                title: ids.count == 1 ? "\(verb) flag \(ids[0])" : "\(verb) \(ids.count) marked flags",
                lines: lines + [resolve ? "Say what was done." : "Say why it is acceptable as is."],
                context: context))
        case .reopenFlag:
            guard let flag = selected else { return ScreenUpdate() }
            let id = flag.id
            guard flag.state != .open else {
                return ScreenUpdate(flash: FlashMessage("Flag \(id) is open already.", at: context.now))
            }
            return ScreenUpdate(dialog: Self.dialog(
                .reopen(flagID: id), title: "Reopen flag \(id)",
                lines: ["\(flag.severity) \(flag.code) on \(flag.targetKind), \(flag.state)", flag.target,
                        "Say why it is open again."],
                context: context))
        case .addFlag:
            let chosen = markedFlags.isEmpty ? (selected.map { [$0] } ?? []) : markedFlags
            var targets: [String] = []
            for flag in chosen where !targets.contains(flag.target) { targets.append(flag.target) }
            guard let first = chosen.first else { return ScreenUpdate() }
            let choices = FlagCodeChoices(session: context.session, kind: first.targetKind)
            return ScreenUpdate(dialog: Self.dialog(
                .add(targets: targets), title: targets.count == 1 ? "Add flag" : "Add flag to \(targets.count) targets",
                lines: targets.count == 1 ? [first.targetKind.rawValue + " " + first.target] : Array(targets.prefix(5)),
                choices: choices.codes, option: choices.severity, context: context))
        case .drillIn:
            guard let flag = selected else { return ScreenUpdate() }
            return open(flag, context: context)
        default:
            break
        }
        return ScreenUpdate()
    }

    /// The marked flags, in list order (in a window, the held rows' order, then the others').
    var markedFlags: [FlagSummary] {
        guard !marks.isEmpty else { return [] }
        return list.inListOrder(marks).compactMap { flags[$0] }
    }

    /// Enter: the flag's series or study in Imaging, its sample in Genomics; otherwise its full text.
    private func open(_ flag: FlagSummary, context: ScreenContext) -> ScreenUpdate {
        switch flag.targetKind {
        case .series, .study: return ScreenUpdate(show: (.imaging, .imaging(uid: flag.target)))
        case .sample: return ScreenUpdate(show: (.genomics, .sample(flag.target)))
        default:
            return ScreenUpdate(viewer: RecordViewer(
                title: "Flag \(flag.id)",
                fields: [("target", flag.targetKind.rawValue + " " + flag.target), ("code", flag.code),
                         ("severity", flag.severity.rawValue), ("state", flag.state.rawValue),
                         ("source", flag.source.rawValue),
                         ("author", flag.author), ("note", flag.note), ("resolution", flag.resolution ?? ""),
                         ("resolved by", flag.resolvedBy ?? ""), ("created", Formatting.time(flag.createdAt)),
                         ("updated", Formatting.time(flag.updatedAt))],
                width: context.width))
        }
    }

    func confirm(_ request: Request, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        ScreenUpdate(request.command(answer: answer, api: context.api))
    }


    /// Sets term `key` to the value after its current one in `values` (nil: no term).
    private mutating func cycle(_ key: String, through values: [String?]) {
        let current = parsedQuery.terms[key]
        let next = values[((values.firstIndex(of: current) ?? -1) + 1) % values.count]
        query = TextInputState(text: FilterQuery.setting(key, to: next, in: query.text, keys: Self.queryKeys))
    }

    /// Loads the first page of the flags the query's terms select (engine side); a term it does not
    /// understand fails the load.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        switch Self.engineFilter(parsedQuery) {
        case .success(let query):
            return Self.run { .flags(await Self.flagRows(api, query: query, request: ListPane.firstPage)) }
        case .failure(let error): return Self.run { .flags(.failed(error.description)) }
        }
    }
}

// MARK: - View

extension FlagsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let block = Block(title: Self.title(parsedQuery) + (marks.isEmpty ? "" : "  · \(marks.count) marked"),
                          isFocused: true)
        block.render(in: area, buffer: &buffer)
        var table = list.table
        list.render(in: block.inner(area), buffer: &buffer, filter: filter, focused: true,
                    empty: "no flags with these filters (s: severity, t: state, /: terms)", marks: marks, state: &table)
    }
}
