import Catalog
import LakeEngine
import TUI

/// The review queue: flags narrowed by `key:value` terms sent to the engine (`severity:`, `state:`,
/// `code:`, `dataset:`, `target:`) plus free text over the rows, with add, resolve and waive through
/// dialogs. `s` and `t` cycle the severity and state terms in the same `/` text, so the query line is
/// the one place a filter lives; it starts as `state:open`.
struct FlagsState: Sendable {
    static let queryKeys: Set<String> = ["severity", "state", "code", "dataset", "target"]
    /// The query the screen opens with: the open flags.
    static let initialQuery = "state:open"

    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("SEVERITY"), TableColumn("STATE"),
                         TableColumn("CODE"), TableColumn("KIND"), TableColumn("TARGET", width: .auto(max: 36), truncation: .middle),
                         TableColumn("NOTE", width: .fill())])
    var flags: [QualityFlag] = []

    /// The engine filter for `query`, or why a term is not understood.
    static func engineFilter(_ query: FilterQuery) -> Result<FlagFilter, QueryTermError> {
        var filter = FlagFilter(code: query.terms["code"], target: query.terms["target"], dataset: query.terms["dataset"])
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

    mutating func receive(_ data: Loadable<[QualityFlag]>, filter: String) {
        switch data {
        case .loaded(let flags):
            self.flags = flags
            list.setRows(flags.map { flag in
                ListRow(id: String(flag.id ?? 0),
                        cells: [String(flag.id ?? 0), flag.severity, flag.state, flag.code, flag.targetKind, flag.target,
                                flag.note])
            }, filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    /// The filter bar: each term with its value, `any` when absent.
    static func title(_ query: FilterQuery) -> String {
        "Flags  " + ["severity", "state", "code", "dataset"].map { $0 + ":" + (query.terms[$0] ?? "any") }
            .joined(separator: " ") + (query.terms["target"].map { " target:" + $0 } ?? "")
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        let selected = list.selected(filter: filter).flatMap { row in flags.first { String($0.id ?? 0) == row.id } }
        switch action {
        case .cycleState:
            cycle("state", through: ["open", "resolved", "waived", nil], model: &model)
            return Self.load(lake, model: model)
        case .cycleSeverity:
            cycle("severity", through: [nil, "blocking", "warning", "info"], model: &model)
            return Self.load(lake, model: model)
        case .resolveFlag, .waiveFlag:
            guard let flag = selected, let id = flag.id else { return .none }
            let resolve = action == .resolveFlag
            model.overlay = .dialog(NoteDialog(
                kind: resolve ? .resolve(flagID: id) : .waive(flagID: id),
                title: resolve ? "Resolve flag \(id)" : "Waive flag \(id)",
                lines: ["\(flag.severity) \(flag.code) on \(flag.targetKind)", flag.target,
                        resolve ? "Say what was done." : "Say why it is acceptable as is."],
                openedAt: model.now))
        case .addFlag:
            guard let flag = selected else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .add(target: flag.target), title: "Add flag", lines: ["\(flag.targetKind) " + flag.target],
                choices: lake.flagVocabulary, openedAt: model.now))
        default: break
        }
        return .none
    }

    /// Sets term `key` to the value after its current one in `values` (nil: no term).
    private func cycle(_ key: String, through values: [String?], model: inout WorkbenchModel) {
        let text = model.filters[.flags]?.text ?? ""
        let current = FilterQuery(text, keys: Self.queryKeys).terms[key]
        let next = values[((values.firstIndex(of: current) ?? -1) + 1) % values.count]
        model.filters[.flags] = TextInputState(
            text: FilterQuery.setting(key, to: next, in: text, keys: Self.queryKeys))
    }

    /// Loads the flags the query's terms select (engine side); a term it does not understand fails the load.
    static func load(_ lake: Lake, model: WorkbenchModel) -> Command<WorkbenchMessage> {
        switch engineFilter(FilterQuery(model.filters[.flags]?.text ?? "", keys: queryKeys)) {
        case .success(let filter): return .run { .flags(Loadable { try lake.listFlags(filter) }) }
        case .failure(let error): return .run { .flags(.failed(error.description)) }
        }
    }
}

extension Workbench {
    func viewFlags(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let query = FilterQuery(model.filters[.flags]?.text ?? "", keys: FlagsState.queryKeys)
        let block = Block(title: FlagsState.title(query), isFocused: true)
        block.render(in: area, buffer: &buffer)
        var table = model.flags.list.table
        model.flags.list.render(in: block.inner(area), buffer: &buffer, filter: model.filter, focused: true,
                                empty: "no flags with these filters (s: severity, t: state, /: terms)", state: &table)
    }
}
