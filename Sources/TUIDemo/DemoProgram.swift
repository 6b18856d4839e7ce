import TUI

/// The toolkit's demo: a million-row table, a lazily loaded tree, three transfers with progress,
/// a confirmation dialog, a help overlay and flash messages. The tmux tests and the benchmark drive it.
struct DemoProgram: Program {
    /// Whether `!` crashes the program (for the terminal-restore test).
    var crashKey = false
    enum Pane: Hashable { case table, tree }

    struct Transfer {
        var name: String
        var meter: ProgressMeter
        var bytesPerTick: Int64
    }

    struct Model {
        var objects = SyntheticObjects(rowCount: 1_000_000)
        var table = TableState()
        var tree = TreeState<String>(roots: DemoProgram.roots)
        var focus = Pane.table
        var transfers: [Transfer]
        var running: Bool
        var ticksLeft: Int?
        var dialog: ConfirmDialogState?
        var pendingDelete: String?
        var showHelp = false
        var showImage = false
        var flash: FlashMessage?
        var now = Timestamp.zero
        var themeName: String
        /// The terminal size, so `update` can keep the selections scrolled into view.
        var size: Size

        init(size: Size, running: Bool, tickLimit: Int?, themeName: String) {
            self.size = size
            transfers = [
                Transfer(name: "hot → warm", meter: ProgressMeter(total: 8_000_000_000), bytesPerTick: 40_000_000),
                Transfer(name: "warm → cold", meter: ProgressMeter(total: 20_000_000_000), bytesPerTick: 23_000_000),
                Transfer(name: "archive → warm", meter: ProgressMeter(total: 2_000_000_000), bytesPerTick: 3_100_000),
            ]
            self.running = running
            ticksLeft = tickLimit
            self.themeName = themeName
        }

        var moving: Bool { running && transfers.contains { !$0.meter.isFinished } && ticksLeft != 0 }
    }

    enum Message: Sendable {
        case children([TreeNode<String>], of: String)
    }

    /// A 64×40 test card whose neighbouring pixels differ, so the preview needs several hundred
    /// colour pairs (more than `COLOR_PAIR` can address).
    static let previewImage: GrayImage = {
        var pixels: [UInt8] = []
        for y in 0..<40 {
            for x in 0..<64 { pixels.append(UInt8(8 + 10 * ((x * 5 + y * 11 + (x * y) % 7) % 24))) }
        }
        guard let image = GrayImage(width: 64, height: 40, pixels: pixels) else {
            preconditionFailure("the test card has 64×40 pixels")
        }
        return image
    }()

    static let roots = [
        TreeNode(id: "imaging", label: "imaging", detail: "3 datasets", hasChildren: true),
        TreeNode(id: "genomics", label: "genomics", detail: "2 datasets", hasChildren: true),
        TreeNode(id: "training", label: "training", detail: "frozen", hasChildren: true),
    ]

    // MARK: - Update

    func update(_ model: inout Model, _ event: Event<Message>, now: Timestamp) -> Command<Message> {
        model.now = now
        switch event {
        case .key(let key):
            let command = handle(key, model: &model, now: now)
            let panes = Self.layout(Rect(width: model.size.width, height: model.size.height))
            model.table.selection.scrollToSelection(height: panes.table.height - 3, count: model.objects.rowCount)
            model.tree.selection.scrollToSelection(height: panes.tree.height - 2, count: model.tree.rows.count)
            return command
        case .resize(let size):
            model.size = size
            return .none
        case .mouse:
            return .none
        case .tick(let time):
            guard model.moving else { return .none }
            for index in model.transfers.indices {
                let transfer = model.transfers[index]
                model.transfers[index].meter.record(done: transfer.meter.done + transfer.bytesPerTick, at: time)
            }
            model.ticksLeft = model.ticksLeft.map { $0 - 1 }
            if model.ticksLeft == 0 {
                model.flash = FlashMessage("tick limit reached", level: .info, at: time, for: .seconds(3600))
            }
            return .none
        case .message(.children(let nodes, let id)):
            model.tree.setChildren(nodes, of: id)
            return .none
        }
    }

    private func handle(_ key: Key, model: inout Model, now: Timestamp) -> Command<Message> {
        if model.dialog != nil { return handleDialog(key, model: &model, now: now) }
        if crashKey, key == .character("!") { fatalError("crash requested with --crash-key") }
        if model.showHelp {
            model.showHelp = false
            return .none
        }
        if model.showImage, key != .character("i") {
            model.showImage = false
            return .none
        }
        guard let action = demoKeymap.action(for: key) else { return .none }
        let page = 10
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            if model.focus == .table {
                model.table.selection.handle(key, count: model.objects.rowCount, page: page)
            } else {
                model.tree.selection.handle(key, count: model.tree.rows.count, page: page)
            }
        case .switchPane: model.focus = model.focus == .table ? .tree : .table
        case .toggle:
            guard model.focus == .tree, case .needsChildren(let id) = model.tree.toggle() else { return .none }
            return .run {
                try? await Task.sleep(for: .milliseconds(150))
                let children = (1...3).map {
                    TreeNode(id: "\(id)/\($0)", label: "\(id)-dataset-\($0)", detail: "v\($0)")
                }
                return .children(children, of: id)
            }
        case .sort:
            model.table.toggleSort(column: 0)
            model.objects.descending = model.table.sort?.ascending == false
        case .delete:
            guard model.focus == .table, let row = model.table.selection.selected else { return .none }
            model.pendingDelete = model.objects.value(row: row, column: 0)
            model.dialog = ConfirmDialogState(openedAt: now, openingKey: key)
        case .pause: model.running.toggle()
        case .preview: model.showImage.toggle()
        case .help: model.showHelp = true
        case .quit: return .quit
        }
        return .none
    }

    private func handleDialog(_ key: Key, model: inout Model, now: Timestamp) -> Command<Message> {
        guard var dialog = model.dialog else { return .none }
        let outcome = dialog.handle(key, at: now)
        model.dialog = dialog
        switch outcome {
        case .pending: break
        case .cancelled:
            model.dialog = nil
            model.flash = FlashMessage("cancelled", level: .info, at: now)
        case .confirmed:
            model.dialog = nil
            model.flash = FlashMessage(
                "deleted \(model.pendingDelete ?? "?") (demo: nothing was deleted)",
                level: .success,
                at: now
            )
        }
        return .none
    }

    func tickRate(_ model: Model) -> TickRate {
        if model.moving { return .every(.milliseconds(100)) }
        if let flash = model.flash, flash.isVisible(at: model.now) { return .every(.milliseconds(500)) }
        return .idle
    }

    // MARK: - View

    /// Where the panes go on a screen of `area`.
    static func layout(_ area: Rect) -> (
        header: Rect, table: Rect, tree: Rect, transfers: Rect, flash: Rect, hints: Rect
    ) {
        let rows = area.split(.vertical, [.length(1), .fill(1), .length(5), .length(1), .length(1)])
        let panes = rows[1].split(.horizontal, [.fill(2), .fill(1)])
        return (rows[0], panes[0], panes[1], rows[2], rows[3], rows[4])
    }

    func view(_ model: Model, into buffer: inout Buffer) {
        let layout = Self.layout(buffer.area)
        StatusBar(
            left: "MedLake toolkit demo",
            center: "theme " + model.themeName,
            right: model.table.position(rowCount: model.objects.rowCount),
            role: .header
        )
        .render(in: layout.header, buffer: &buffer)
        let tableBlock = Block(title: "Objects", isFocused: model.focus == .table)
        tableBlock.render(in: layout.table, buffer: &buffer)
        var table = model.table
        Table(columns: SyntheticObjects.columns, source: model.objects, isFocused: model.focus == .table)
            .render(in: tableBlock.inner(layout.table), buffer: &buffer, state: &table)
        let treeBlock = Block(title: "Lake", isFocused: model.focus == .tree)
        treeBlock.render(in: layout.tree, buffer: &buffer)
        var tree = model.tree
        Tree<String>(isFocused: model.focus == .tree).render(
            in: treeBlock.inner(layout.tree),
            buffer: &buffer,
            state: &tree
        )

        let transfersBlock = Block(title: model.running ? "Transfers" : "Transfers (paused)")
        transfersBlock.render(in: layout.transfers, buffer: &buffer)
        let inner = transfersBlock.inner(layout.transfers)
        for (index, transfer) in model.transfers.enumerated() where index < inner.height {
            let line = inner.row(index).split(.horizontal, [.length(16), .fill(1)])
            buffer.write(transfer.name, in: line[0], role: .normal)
            Gauge(transfer.meter).render(in: line[1], buffer: &buffer)
        }
        FlashLine(message: model.flash, now: model.now).render(in: layout.flash, buffer: &buffer)
        HintBar(hints: demoKeymap.hints).render(in: layout.hints, buffer: &buffer)

        if let dialog = model.dialog {
            var state = dialog
            ConfirmDialog(
                title: "Delete object?",
                message: [
                    "Delete \(model.pendingDelete ?? "?") from the lake?", "This cannot be undone.",
                ],
                confirmLabel: "Delete"
            ).render(in: buffer.area, buffer: &buffer, state: &state)
        }
        if model.showImage {
            let box = buffer.area.centered(width: 66, height: 22)
            let block = Block(title: "Preview", isFocused: true, fillRole: .normal)
            block.render(in: box, buffer: &buffer)
            HalfBlockImage(Self.previewImage).render(in: block.inner(box), buffer: &buffer)
        }
        if model.showHelp {
            HelpOverlay(title: "Keys", sections: demoKeymap.helpSections).render(in: buffer.area, buffer: &buffer)
        }
    }
}
