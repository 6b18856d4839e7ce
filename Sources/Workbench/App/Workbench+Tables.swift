import Foundation
import TUI

// MARK: - The focused list

extension WorkbenchScreen {
    /// No list: screens without one (Overview, Datasets) keep this default.
    var focusedList: ListPane? {
        get { nil }
        set {}
    }

    /// The free `/` text.
    var focusedListFilter: String { filter }
}

extension ImagingScreen {
    var focusedList: ListPane? {
        get { focus == .list ? currentList : nil }
        set { if let newValue, focus == .list { currentList = newValue } }
    }
}

extension GenomicsScreen {
    var focusedList: ListPane? {
        get { focus == .samples ? samples : nil }
        set { if let newValue, focus == .samples { samples = newValue } }
    }

    var focusedListFilter: String { sampleSearch }
}

extension FlagsScreen {
    var focusedList: ListPane? {
        get { list }
        set { if let newValue { list = newValue } }
    }
}

extension AuditScreen {
    var focusedList: ListPane? {
        get { list }
        set { if let newValue { list = newValue } }
    }
}

extension PromotionsScreen {
    var focusedList: ListPane? {
        get { list }
        set { if let newValue { list = newValue } }
    }
}

extension MigrationsScreen {
    var focusedList: ListPane? {
        get { list }
        set { if let newValue { list = newValue } }
    }
}

// MARK: - Sort, view, export

extension Workbench {
    /// The actions ``tableAction(_:model:)`` handles, on every screen with a list.
    static let tableActions: Set<WorkbenchAction> = [.sortNext, .sortReverse, .viewRow, .export]

    /// `o`/`O` sort the focused list (in memory; a windowed one through the engine, or, when the engine
    /// cannot sort it, it says it stays in listing order), `i` opens the row viewer, `e` asks where to export
    /// the view.
    func tableAction(_ action: WorkbenchAction, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        guard var list = model.current.focusedList else { return .none }
        let filter = model.current.focusedListFilter
        switch action {
        case .sortNext, .sortReverse:
            if list.window != nil, list.windowSortColumns.isEmpty {
                model.flash = FlashMessage("This list is longer than one page: it stays in listing order.", level: .info,
                                           at: model.now, for: .seconds(5))
                return .none
            }
            if action == .sortNext { list.cycleSort(filter: filter) } else { list.reverseSort(filter: filter) }
            model.current.focusedList = list
            guard list.window != nil else { return .none }
            return apply(model.current.listReordered(context: context(model)), to: &model)
        case .viewRow:
            guard let row = list.selected(filter: filter) else { return .none }
            var fields = list.columns.indices.compactMap { index -> TextViewer.Field? in
                let title = list.columns[index].title
                guard !title.isEmpty else { return nil }
                return TextViewer.Field(title, index < row.cells.count ? row.cells[index] : "")
            }
            if !row.dataset.isEmpty, !fields.contains(where: { $0.value == row.dataset }) {
                fields.append(TextViewer.Field("DATASET", row.dataset))
            }
            if !row.id.isEmpty, !fields.contains(where: { $0.value == row.id }) {
                fields.append(TextViewer.Field("ID", row.id))
            }
            model.overlay = .viewer(TextViewer(title: model.screen.title + " · row", fields: fields), TextViewerState())
        case .export:
            model.overlay = .export(TextInputState(text: "medlake-" + model.screen.rawValue + ".csv"))
        default:
            break
        }
        return .none
    }

    /// Keys while the row viewer is open: scrolling, and Esc, `q`, Enter or `i` to close.
    func handleViewer(_ key: Key, viewer: TextViewer, state: TextViewerState, model: inout WorkbenchModel) {
        var state = state
        let (lines, height) = viewer.lineCount(in: Self.viewerBox(model.size))
        if state.handle(key, lineCount: lines, height: height) {
            model.overlay = .viewer(viewer, state)
        } else if [.escape, .enter, .character("q"), .character("i")].contains(key) {
            model.overlay = .none
        }
    }

    /// Keys while the export prompt is open: Enter writes the view (off the main actor), Esc cancels.
    func handleExport(_ key: Key, input: TextInputState, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        var input = input
        switch key {
        case .escape:
            model.overlay = .none
            model.flash = FlashMessage("Export cancelled.", level: .info, at: model.now, for: .seconds(5))
            return .none
        case .enter:
            model.overlay = .none
            let path = input.text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty, let list = model.current.focusedList else { return .none }
            let titles = list.columns.map(\.title)
            let rows = list.view(filter: model.current.focusedListFilter)
            return .run {
                do {
                    let data = try TableExport.data(titles: titles, rows: rows, format: TableExport.Format(path: path))
                    try ExportFile.save(data, to: path)
                    return .exported("Exported \(rows.count) rows to \(path).")
                } catch {
                    return .failed(String(describing: error))
                }
            }
        default:
            _ = input.handle(key)
            model.overlay = .export(input)
            return .none
        }
    }

    /// Where the row viewer is drawn on a terminal of `size`.
    static func viewerBox(_ size: Size) -> Rect {
        Rect(x: 0, y: 0, width: size.width, height: size.height)
            .centered(width: min(size.width - 4, 100), height: max(3, size.height - 4))
    }

    /// Draws the export prompt over `screen`.
    func renderExportPrompt(_ input: TextInputState, in screen: Rect, buffer: inout Buffer) {
        let box = screen.centered(width: min(screen.width - 4, 72), height: 5)
        let block = Block(title: "Export view (.csv, or .json)", isFocused: true, fillRole: .dialog)
        buffer.fill(box, role: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard inner.height >= 2 else { return }
        var state = input
        TextInput(prompt: "file: ").render(in: inner.row(0), buffer: &buffer, state: &state)
        buffer.write("Enter writes · Esc cancels · never overwrites", column: inner.x, row: inner.y + 2,
                     width: inner.width, role: .muted)
    }

    // MARK: - Mouse

    /// Rows one wheel step moves.
    static let wheelStep = 3

    /// A click selects the row under it in the focused list; the wheel moves the selection three rows.
    /// Both do nothing while an overlay is open. A click finds its row by drawing the frame again
    /// (``Buffer/tableRow(at:row:)``), so it can never disagree with what is on screen.
    func handle(_ mouse: MouseEvent, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        guard case .none = model.overlay, model.current.focusedList != nil else { return .none }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            let key: Key = mouse.kind == .wheelUp ? .up : .down
            var command: [Command<WorkbenchMessage>] = []
            for _ in 0..<Self.wheelStep {
                command.append(apply(model.current.navigate(key, context: context(model)), to: &model))
            }
            return .batch(command)
        case .click:
            var frame = Buffer(width: model.size.width, height: model.size.height)
            view(model, into: &frame)
            guard let index = frame.tableRow(at: mouse.column, row: mouse.row),
                let list = model.current.focusedList
            else { return .none }
            let selected = list.table.selection.selected ?? 0
            guard index != selected else { return .none }
            // Moving by keys, not setting the index, so a screen reacts as to j/k (the instance
            // view inspects the newly selected instance).
            let key: Key = index > selected ? .down : .up
            var command: [Command<WorkbenchMessage>] = []
            for _ in 0..<abs(index - selected) {
                command.append(apply(model.current.navigate(key, context: context(model)), to: &model))
            }
            return .batch(command)
        }
    }
}
