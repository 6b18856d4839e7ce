import Catalog
import Foundation
import LakeEngine
import TUI

/// The k9s-like browser over a lake: header, screen body, hint bar and flash line; `:` switches
/// screens, `/` filters, `?` shows every binding.
///
/// Every catalog read and write runs as a ``Command`` off the main actor through `any LakeAPI`: the
/// engine in-process for a personal lake, or the lake service over its socket (the engine enforces the
/// user's roles exactly as for the CLI either way). While the workbench is open it ticks four times a
/// second and asks the API's ``ChangeFeed`` (through a ``ChangeMonitor``) whether anything was committed;
/// only then does it reload the visible screen.
public struct Workbench: Program {
    public typealias Model = WorkbenchModel
    public typealias Message = WorkbenchMessage

    public let api: any LakeAPI
    /// The engine itself when the lake is open in-process: what the API does not carry yet (starting a
    /// worker, the Datasets keep periods) reads it; nil for a served lake, where those panes say so.
    let engine: Lake?
    let session: WorkbenchSession
    let monitor: ChangeMonitor
    /// Starts `medlake worker` from the Migrations screen (`w`); nil where there is no executable to run.
    let workerLauncher: WorkerLauncher?
    /// Where the header clock reads the wall time (fixed in snapshot tests).
    let wallClock: @Sendable () -> Date
    /// Where `y` in the text viewer copies a value.
    let clipboard: Clipboard

    /// How often the change count is read.
    public static let pollInterval: Duration = .milliseconds(250)
    /// The most items one listing load asks for: a page, never a whole table (the Flags title says when
    /// the query matches more).
    static let pageLimit = PageRequest.maximumLimit

    /// The workbench on a lake opened in-process.
    public init(
        lake: Lake, workerLauncher: WorkerLauncher? = nil, wallClock: @escaping @Sendable () -> Date = { Date() },
        clipboard: Clipboard = .terminal
    ) {
        self.init(api: lake, engine: lake, session: WorkbenchSession(lake: lake), workerLauncher: workerLauncher,
                  wallClock: wallClock, clipboard: clipboard)
    }

    /// The workbench on any transport of the API; `engine` is the same lake in-process, when it is.
    public init(
        api: any LakeAPI, engine: Lake?, session: WorkbenchSession, workerLauncher: WorkerLauncher? = nil,
        wallClock: @escaping @Sendable () -> Date = { Date() }, clipboard: Clipboard = .terminal
    ) {
        self.api = api
        self.engine = engine
        self.session = session
        self.workerLauncher = workerLauncher
        self.wallClock = wallClock
        self.clipboard = clipboard
        monitor = ChangeMonitor(api: api)
    }

    /// Ticks at once until the first screen was asked for (the runtime has no start command), then
    /// at the poll interval.
    public func tickRate(_ model: WorkbenchModel) -> TickRate { .every(model.started ? Self.pollInterval : .zero) }

    // MARK: - Update

    public func update(_ model: inout WorkbenchModel, _ event: Event<WorkbenchMessage>, now: Timestamp)
        -> Command<WorkbenchMessage>
    {
        model.now = now
        if let flash = model.flash, !flash.isVisible(at: now) { model.flash = nil }
        switch event {
        case .resize(let size):
            model.size = size
            return .none
        case .tick:
            model.clockText = Self.clockText(wallClock())
            let monitor = monitor
            let poll: Command<WorkbenchMessage> = .run { .dataVersion(await monitor.version()) }
            guard model.started else {
                model.started = true
                if let notice = model.notice {
                    model.flash = FlashMessage(notice, level: .warning, at: now, for: .seconds(20))
                    model.notice = nil
                }
                return .batch([model.current.load(context(model)), poll])
            }
            let context = context(model)
            let ticks = Screen.allCases.map { model.screens[$0].tick(context: context) }
            return .batch([poll] + ticks)
        case .message(let message):
            return receive(message, model: &model)
        case .key(let key):
            return handle(key, model: &model)
        case .mouse(let mouse):
            return handle(mouse, model: &model)
        }
    }

    /// What a screen may read: the API, the session, the clocks, the page height and the worker launcher.
    func context(_ model: WorkbenchModel) -> ScreenContext {
        ScreenContext(api: api, engine: engine, session: session, now: model.now, wallClock: wallClock(), page: max(1, model.size.height - 8),
                      width: RecordViewer.box(in: Rect(x: 0, y: 0, width: model.size.width, height: model.size.height))
                          .width - 4,
                      workerLauncher: workerLauncher)
    }

    /// Applies what a screen asked for: opens its dialog, shows its flash line, returns its command.
    func apply(_ update: ScreenUpdate, to model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        if let dialog = update.dialog { model.overlay = .dialog(dialog) }
        if let viewer = update.viewer { model.overlay = .record(viewer) }
        if let flash = update.flash { model.flash = flash }
        guard let (screen, target) = update.show else { return update.command }
        model.screen = screen
        let revealed = model.current.reveal(target, context: context(model))
        return .batch([update.command, apply(revealed, to: &model)])
    }

    private func receive(_ message: WorkbenchMessage, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        switch message {
        case .dataVersion(let version):
            defer { model.lastDataVersion = version }
            guard let last = model.lastDataVersion, last != version else { return .none }
            return model.current.load(context(model))
        case .done(let text):
            model.flash = FlashMessage(text, level: .success, at: model.now, for: .seconds(5))
            return model.current.load(context(model))
        case .unfinished(let text):
            model.flash = FlashMessage(text, level: .warning, at: model.now, for: .seconds(8))
            return model.current.load(context(model))
        case .exported(let text):
            model.flash = FlashMessage(text, level: .success, at: model.now, for: .seconds(5))
            return .none
        case .failed(let text):
            model.flash = FlashMessage(text, level: .error, at: model.now, for: .seconds(8))
            return .none
        case .copied(let width):
            model.flash = FlashMessage("Copied \(width) characters to the clipboard.", level: .success, at: model.now,
                                       for: .seconds(4))
            return .none
        case .screen(let screen, let payload):
            let update = model.screens[screen].deliver(payload, context: context(model))
            return apply(update, to: &model)
        }
    }

    private func handle(_ key: Key, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        switch model.overlay {
        case .help:
            model.overlay = .none
            return .none
        case .palette(var state):
            return handlePalette(key, state: &state, model: &model)
        case .record(var viewer):
            return handleRecord(key, viewer: &viewer, model: &model)
        case .filter:
            switch key {
            case .enter: model.overlay = .none
            case .escape:
                model.current.query.set(model.current.initialQuery)
                model.overlay = .none
            default: _ = model.current.query.handle(key)
            }
            let update = model.current.queryChanged(committed: key == .enter || key == .escape,
                                                    context: context(model))
            return apply(update, to: &model)
        case .dialog(var dialog):
            switch dialog.handle(key, at: model.now) {
            case .pending:
                model.overlay = .dialog(dialog)
                return .none
            case .cancelled:
                model.overlay = .none
                model.flash = FlashMessage("Cancelled: \(dialog.title); nothing changed.", at: model.now)
                return .none
            case .confirmed:
                model.overlay = .none
                let update = model.screens[dialog.owner].confirm(dialog, context: context(model))
                return apply(update, to: &model)
            }
        case .viewer(let viewer, let state):
            handleViewer(key, viewer: viewer, state: state, model: &model)
            return .none
        case .export(let input):
            return handleExport(key, input: input, model: &model)
        case .none:
            break
        }
        let update: ScreenUpdate
        switch model.current.activeKeymap.action(for: key) {
        case .quit?: return .quit
        case .palette?:
            model.overlay = .palette(CommandPaletteState())
            return .none
        case .filter?:
            model.overlay = .filter
            model.current.openQuery()
            return .none
        case .help?:
            model.overlay = .help
            return .none
        case .refresh?:
            return model.current.load(context(model))
        case let action? where Self.tableActions.contains(action):
            return tableAction(action, model: &model)
        case let action?:
            update = model.current.perform(action, key: key, context: context(model))
        case nil:
            update = model.current.navigate(key, context: context(model))
        }
        return apply(update, to: &model)
    }

    private func handlePalette(_ key: Key, state: inout CommandPaletteState, model: inout WorkbenchModel)
        -> Command<WorkbenchMessage>
    {
        let palette = Self.palette
        switch key {
        case .escape:
            model.overlay = .none
            return .none
        case .enter:
            model.overlay = .none
            guard let screen = palette.selectedAction(state: state) else { return .none }
            return show(screen, model: &model)
        default:
            _ = state.handle(key, matchCount: palette.matches(for: state.input.text).count)
            model.overlay = .palette(state)
            return .none
        }
    }

    /// A record's full text: list keys scroll, `y` copies the value under the cursor, Esc/Enter/q close.
    private func handleRecord(_ key: Key, viewer: inout RecordViewer, model: inout WorkbenchModel)
        -> Command<WorkbenchMessage>
    {
        switch key {
        case .escape, .enter, .character("q"):
            model.overlay = .none
            return .none
        case .character("y"):
            guard let value = viewer.selectedValue else { return .none }
            let clipboard = clipboard
            return .run {
                do {
                    try clipboard.copy(value)
                    return .copied(DisplayWidth.of(value))
                } catch {
                    return .failed(String(describing: error))
                }
            }
        default:
            viewer.navigate(key, page: max(1, model.size.height - 8))
            model.overlay = .record(viewer)
            return .none
        }
    }

    /// Switches to `screen` and loads it; the screen keeps its filter, cursor and scroll.
    func show(_ screen: Screen, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        model.screen = screen
        return model.current.load(context(model))
    }

    /// The `:` palette: one command per screen.
    static var palette: CommandPalette<Screen> {
        CommandPalette(commands: Screen.allCases.map {
            PaletteCommand($0.rawValue, help: $0.summary, action: $0)
        })
    }

    static func clockText(_ date: Date) -> String {
        String(Formatting.time(date).suffix(8))
    }
}

extension Loadable {
    /// The result of `work`, or its error's description.
    init(_ work: () throws -> Value) {
        do { self = .loaded(try work()) } catch { self = .failed(String(describing: error)) }
    }

    /// The result of the API call `work`, or its error's description.
    static func awaiting(_ work: () async throws -> Value) async -> Loadable {
        do { return .loaded(try await work()) } catch { return .failed(String(describing: error)) }
    }

    /// The flash line for a load that failed.
    func failureFlash(at now: Timestamp) -> FlashMessage? {
        guard case .failed(let text) = self else { return nil }
        return FlashMessage(text, level: .error, at: now, for: .seconds(8))
    }
}
