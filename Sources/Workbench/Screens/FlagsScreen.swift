import Catalog
import LakeEngine
import TUI

/// The review queue: flags narrowed by `key:value` terms sent to the engine (`severity:`, `state:`,
/// `code:`, `dataset:`, `target:`) plus free text over the rows, with add, resolve, waive and reopen
/// through dialogs. `s` and `t` cycle the severity and state terms in the same `/` text, so the query line is
/// the one place a filter lives; it starts as `state:open`.
struct FlagsScreen: SingleListScreen {
    typealias Message = Loadable<Page<FlagSummary>>
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
                         TableColumn("NOTE", width: .fill())])
    var flags: [FlagSummary] = []
    /// How many flags the query matches in the lake (more than ``flags`` holds when past one page).
    var total = 0
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

    mutating func receive(_ data: Loadable<Page<FlagSummary>>, context: ScreenContext) -> ScreenUpdate {
        switch data {
        case .loaded(let page):
            flags = page.items
            total = page.total
            list.setRows(flags.map { flag in
                ListRow(id: String(flag.id),
                        cells: [String(flag.id), flag.severity.rawValue, flag.state.rawValue, flag.code, flag.targetKind.rawValue,
                                flag.target,
                                flag.note])
            }, filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
        if let ids = data.value.map({ Set($0.items.map { String($0.id) }) }) { marks.formIntersection(ids) }
        return ScreenUpdate(flash: data.failureFlash(at: context.now))
    }

    /// The filter bar: each term with its value, `any` when absent.
    static func title(_ query: FilterQuery) -> String {
        "Flags  " + ["severity", "state", "code", "dataset"].map { $0 + ":" + (query.terms[$0] ?? "any") }
            .joined(separator: " ") + (query.terms["target"].map { " target:" + $0 } ?? "")
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let selected = list.selected(filter: filter).flatMap { row in flags.first { String($0.id) == row.id } }
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

    /// The marked flags still listed, in list order.
    var markedFlags: [FlagSummary] {
        guard !marks.isEmpty else { return [] }
        return flags.filter { marks.contains(String($0.id)) }
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

    /// Loads the flags the query's terms select (engine side); a term it does not understand fails the load.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        switch Self.engineFilter(parsedQuery) {
        case .success(let query): return Self.run { await .awaiting { try await api.flags(query) } }
        case .failure(let error): return Self.run { .failed(error.description) }
        }
    }
}

// MARK: - View

extension FlagsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let shown = total > flags.count ? "  · first \(flags.count) of \(total)" : ""
        let block = Block(title: Self.title(parsedQuery) + shown + (marks.isEmpty ? "" : "  · \(marks.count) marked"),
                          isFocused: true)
        block.render(in: area, buffer: &buffer)
        var table = list.table
        list.render(in: block.inner(area), buffer: &buffer, filter: filter, focused: true,
                    empty: "no flags with these filters (s: severity, t: state, /: terms)", marks: marks, state: &table)
    }
}
