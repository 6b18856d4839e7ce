import Catalog
import LakeEngine
import TUI

/// The review queue: flags filtered by state and severity (keys) and by any text (`/`), with add,
/// resolve and waive through dialogs.
struct FlagsState: Sendable {
    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("SEVERITY"), TableColumn("STATE"),
                         TableColumn("CODE"), TableColumn("KIND"), TableColumn("TARGET", width: .auto(max: 36)),
                         TableColumn("NOTE", width: .fill())])
    var state: FlagState? = .open
    var severity: FlagSeverity?
    var flags: [QualityFlag] = []

    var engineFilter: FlagFilter { FlagFilter(state: state, severity: severity) }

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

    var title: String {
        "Flags state=\(state?.rawValue ?? "any") severity=\(severity?.rawValue ?? "any")"
    }

    mutating func handle(_ action: WorkbenchAction, key: Key, filter: String, model: inout WorkbenchModel, lake: Lake)
        -> Command<WorkbenchMessage>
    {
        let selected = list.selected(filter: filter).flatMap { row in flags.first { String($0.id ?? 0) == row.id } }
        switch action {
        case .cycleState:
            let all: [FlagState?] = [.open, .resolved, .waived, nil]
            state = all[((all.firstIndex(of: state) ?? 0) + 1) % all.count]
            return reloadCommand(lake)
        case .cycleSeverity:
            let all: [FlagSeverity?] = [nil, .blocking, .warning, .info]
            severity = all[((all.firstIndex(of: severity) ?? 0) + 1) % all.count]
            return reloadCommand(lake)
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

    func reloadCommand(_ lake: Lake) -> Command<WorkbenchMessage> {
        let filter = engineFilter
        return .run { .flags(Loadable { try lake.listFlags(filter) }) }
    }
}

extension Workbench {
    func viewFlags(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let block = Block(title: model.flags.title, isFocused: true)
        block.render(in: area, buffer: &buffer)
        var table = model.flags.list.table
        model.flags.list.render(in: block.inner(area), buffer: &buffer, filter: model.filter, focused: true,
                                empty: "no flags with these filters (s: severity, t: state)", state: &table)
    }
}
