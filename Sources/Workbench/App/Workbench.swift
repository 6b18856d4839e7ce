import Foundation
import LakeEngine
import TUI

/// The k9s-like browser over a lake: header, screen body, hint bar and flash line; `:` switches
/// screens, `/` filters, `?` shows every binding.
///
/// Every catalog read and write runs as a ``Command`` off the main actor through ``Lake`` (the engine
/// enforces the user's roles exactly as for the CLI). While the workbench is open it ticks four times
/// a second and asks the catalog's ``CatalogWatcher`` whether anything was committed; only then does
/// it reload the visible screen.
public struct Workbench: Program {
    public typealias Model = WorkbenchModel
    public typealias Message = WorkbenchMessage

    public let lake: Lake
    let watcher: CatalogWatcher?
    /// Starts `medlake worker` from the Migrations screen (`w`); nil where there is no executable to run.
    let workerLauncher: WorkerLauncher?
    /// Where the header clock reads the wall time (fixed in snapshot tests).
    let wallClock: @Sendable () -> Date

    /// How often the catalog is polled for changes.
    public static let pollInterval: Duration = .milliseconds(250)

    public init(
        lake: Lake, workerLauncher: WorkerLauncher? = nil, wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.lake = lake
        self.workerLauncher = workerLauncher
        self.wallClock = wallClock
        watcher = try? lake.watcher()
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
            let poll: Command<WorkbenchMessage> = watcher.map { watcher in
                .run { (try? watcher.dataVersion()).map(WorkbenchMessage.dataVersion) }
            } ?? .none
            guard model.started else {
                model.started = true
                if let notice = model.notice {
                    model.flash = FlashMessage(notice, level: .warning, at: now, for: .seconds(20))
                    model.notice = nil
                }
                return .batch([load(model.screen, model: model), poll])
            }
            if let worker = model.migrations.worker, worker.state == .running {
                return .batch([poll, .run { .worker(WorkerProcess(pid: worker.pid, state: WorkerLauncher.state(of: worker.pid))) }])
            }
            return poll
        case .message(let message):
            return receive(message, model: &model)
        case .key(let key):
            return handle(key, model: &model)
        }
    }

    private func receive(_ message: WorkbenchMessage, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        switch message {
        case .dataVersion(let version):
            defer { model.lastDataVersion = version }
            guard let last = model.lastDataVersion, last != version else { return .none }
            return reload(model)
        case .done(let text):
            model.flash = FlashMessage(text, level: .success, at: model.now, for: .seconds(5))
            return reload(model)
        case .exported(let text):
            model.flash = FlashMessage(text, level: .success, at: model.now, for: .seconds(5))
            return .none
        case .failed(let text):
            model.flash = FlashMessage(text, level: .error, at: model.now, for: .seconds(8))
            return .none
        case .overview(let data):
            model.overview = data
        case .datasets(let data):
            model.datasets.receive(data)
        case .datasetStandings(let standings):
            model.datasets.standings = standings
        case .studies, .series, .instances, .seriesFlags, .inspection:
            return model.imaging.receive(message, filter: model.filters[.imaging]?.text ?? "", lake: lake)
        case .samples, .sampleFiles, .genomicInspection:
            return model.genomics.receive(message, filter: model.filters[.genomics]?.text ?? "", lake: lake)
        case .flags(let data):
            model.flags.receive(data, filter: model.filter(on: .flags))
        case .promotions(let data):
            model.promotions.receive(data, filter: model.filters[.promotions]?.text ?? "")
            return model.promotions.loadDiff(lake: lake, filter: model.filters[.promotions]?.text ?? "")
        case .promotionDiff(let diff):
            model.promotions.diff = diff
        case .migrations(let data):
            model.migrations.receive(data, filter: model.filters[.migrations]?.text ?? "")
        case .lifecyclePlan(let plan):
            model.migrations.plan = plan
        case .retentionPlan(let plan):
            model.migrations.retention = plan
        case .worker(let worker):
            if model.migrations.worker != worker, worker.state != .running {
                model.flash = FlashMessage("Worker " + worker.summary + ".", level: .info, at: model.now, for: .seconds(5))
            }
            model.migrations.worker = worker
        case .workerRefused(let text):
            model.flash = FlashMessage(text, level: .warning, at: model.now, for: .seconds(5))
        case .audit(let data):
            if case .failed(let text) = data {
                model.flash = FlashMessage(text, level: .error, at: model.now, for: .seconds(8))
            }
            return model.audit.receive(data, filter: model.filter(on: .audit), lake: lake)
        case .auditVerification(let result):
            model.audit.receive(verification: result)
        }
        if case .failed(let text) = message.loadFailure {
            model.flash = FlashMessage(text, level: .error, at: model.now, for: .seconds(8))
        }
        return .none
    }

    private func handle(_ key: Key, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        switch model.overlay {
        case .help:
            model.overlay = .none
            return .none
        case .palette(var state):
            return handlePalette(key, state: &state, model: &model)
        case .filter:
            var input = model.filters[model.screen] ?? TextInputState()
            switch key {
            case .enter: model.overlay = .none
            case .escape:
                input.set("")
                model.overlay = .none
            default: _ = input.handle(key)
            }
            model.filters[model.screen] = input
            clampSelection(&model)
            return filterChanged(&model, committed: key == .enter || key == .escape)
        case .dialog(var dialog):
            switch dialog.handle(key, at: model.now) {
            case .pending:
                model.overlay = .dialog(dialog)
                return .none
            case .cancelled:
                model.overlay = .none
                return .none
            case .confirmed:
                model.overlay = .none
                return perform(dialog)
            }
        case .viewer(let viewer, let state):
            handleViewer(key, viewer: viewer, state: state, model: &model)
            return .none
        case .export(let input):
            return handleExport(key, input: input, model: &model)
        case .none:
            break
        }
        let keymap = Self.keymap(for: model.screen)
        if let action = keymap.action(for: key) {
            return handle(action, key: key, model: &model)
        }
        return navigate(key, model: &model)
    }

    private func handle(_ action: WorkbenchAction, key: Key, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        switch action {
        case .quit: return .quit
        case .palette:
            model.overlay = .palette(CommandPaletteState())
        case .filter:
            model.overlay = .filter
            openFilter(&model)
        case .help:
            model.overlay = .help
        case .refresh:
            return reload(model)
        case .drillIn, .back, .nextPane, .windowCenterDown, .windowCenterUp, .windowWidthDown, .windowWidthUp,
            .windowReset, .addFlag, .resolveFlag, .waiveFlag, .cycleSeverity, .cycleState, .verifyAudit, .approve,
            .reject, .planPreview, .applyPlan, .pauseJob, .resumeJob, .cancelJob, .startWorker, .expand, .collapse,
            .expandAll, .collapseAll, .nextMatch, .previousMatch, .nextSection, .previousSection, .streamFile:
            return screenAction(action, key: key, model: &model)
        case .sortNext, .sortReverse, .viewRow, .export:
            return tableAction(action, model: &model)
        }
        return .none
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

    /// Switches to `screen` and loads it.
    func show(_ screen: Screen, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        model.screen = screen
        return load(screen, model: model)
    }

    /// The `:` palette: one command per screen.
    static var palette: CommandPalette<Screen> {
        CommandPalette(commands: Screen.allCases.map {
            PaletteCommand($0.rawValue, help: $0.summary, action: $0)
        })
    }

    // MARK: - Per screen

    private func screenAction(_ action: WorkbenchAction, key: Key, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        let filter = model.filter
        switch model.screen {
        case .datasets: return model.datasets.handle(action)
        case .imaging:
            var state = model.imaging
            defer { model.imaging = state }
            return state.handle(action, key: key, filter: filter, model: &model, lake: lake)
        case .genomics:
            var state = model.genomics
            defer { model.genomics = state }
            return state.handle(action, key: key, filter: filter, model: &model, lake: lake)
        case .flags:
            var state = model.flags
            defer { model.flags = state }
            return state.handle(action, key: key, filter: filter, model: &model, lake: lake)
        case .audit: return model.audit.handle(action, lake: lake)
        case .promotions:
            var state = model.promotions
            defer { model.promotions = state }
            return state.handle(action, filter: filter, model: &model)
        case .migrations:
            var state = model.migrations
            defer { model.migrations = state }
            return state.handle(action, filter: filter, model: &model, lake: lake, launcher: workerLauncher)
        case .overview: return .none
        }
    }

    private func navigate(_ key: Key, model: inout WorkbenchModel) -> Command<WorkbenchMessage> {
        let page = max(1, model.size.height - 8)
        let filter = model.filter
        switch model.screen {
        case .datasets: model.datasets.navigate(key, page: page)
        case .imaging: return model.imaging.navigate(key, page: page, filter: filter, lake: lake)
        case .genomics: return model.genomics.navigate(key, page: page, filter: filter, lake: lake)
        case .flags: model.flags.list.navigate(key, page: page, filter: filter)
        case .audit: model.audit.list.navigate(key, page: page, filter: filter)
        case .promotions:
            model.promotions.list.navigate(key, page: page, filter: filter)
            return model.promotions.loadDiff(lake: lake, filter: filter)
        case .migrations: model.migrations.list.navigate(key, page: page, filter: filter)
        case .overview: break
        }
        return .none
    }

    private func clampSelection(_ model: inout WorkbenchModel) {
        let filter = model.filter
        switch model.screen {
        case .imaging where model.imaging.focus == .list:
            model.imaging.currentList.table.selection.clamp(count: model.imaging.currentList.visible(filter: filter).count)
        case .genomics: model.genomics.clamp(filter: filter)
        case .flags: model.flags.list.table.selection.clamp(count: model.flags.list.visible(filter: filter).count)
        case .audit: model.audit.list.table.selection.clamp(count: model.audit.list.visible(filter: filter).count)
        case .promotions:
            model.promotions.list.table.selection.clamp(count: model.promotions.list.visible(filter: filter).count)
        case .migrations:
            model.migrations.list.table.selection.clamp(count: model.migrations.list.visible(filter: filter).count)
        case .imaging, .overview, .datasets: break
        }
    }

    private func perform(_ dialog: NoteDialog) -> Command<WorkbenchMessage> {
        let lake = lake
        let note = dialog.note.text
        let code = dialog.chosen
        return .run {
            do {
                switch dialog.kind {
                case .resolve(let id):
                    try lake.resolveFlag(id: id, note: note)
                    return .done("Resolved flag \(id).")
                case .waive(let id):
                    try lake.waiveFlag(id: id, reason: note)
                    return .done("Waived flag \(id).")
                case .add(let target):
                    guard let code else { return .failed("Please choose a flag code.") }
                    let flag = try lake.addFlag(target: target, code: code, note: note)
                    return .done("Added flag \(flag.id ?? 0) \(code) on \(target).")
                case .approve(let id):
                    let promotion = try lake.approvePromotion(id: id, comment: note)
                    return .done("Approved promotion \(id): \(promotion.state.rawValue).")
                case .reject(let id):
                    _ = try lake.rejectPromotion(id: id, comment: note)
                    return .done("Rejected promotion \(id).")
                case .applyPlan:
                    let jobs = try lake.applyLifecycle()
                    return .done("Queued \(jobs.count) migration jobs.")
                case .cancelJob(let id):
                    _ = try lake.cancelMigration(id: id)
                    return .done("Cancelling migration \(id).")
                }
            } catch {
                return .failed(String(describing: error))
            }
        }
    }

    // MARK: - Loading

    /// Reloads what the current screen shows (after a change in the catalog).
    func reload(_ model: WorkbenchModel) -> Command<WorkbenchMessage> {
        switch model.screen {
        case .imaging: return model.imaging.reload(lake: lake)
        case .genomics: return model.genomics.reload(lake: lake)
        default: return load(model.screen, model: model)
        }
    }

    /// Starts loading `screen`'s data.
    func load(_ screen: Screen, model: WorkbenchModel) -> Command<WorkbenchMessage> {
        let lake = lake
        switch screen {
        case .overview: return .run { .overview(Loadable { try OverviewData.load(lake) }) }
        case .datasets:
            return .batch([
                .run { .datasets(Loadable { try lake.datasets() }) },
                .run { .datasetStandings((try? lake.datasetStandings()) ?? [:]) },
            ])
        case .imaging: return model.imaging.reload(lake: lake)
        case .genomics: return model.genomics.reload(lake: lake)
        case .flags: return FlagsState.load(lake, model: model)
        case .audit: return AuditState.load(lake, model: model, now: wallClock())
        case .promotions:
            return .run { .promotions(Loadable { try lake.promotions() }) }
        case .migrations: return MigrationsState.load(lake)
        }
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
}

extension WorkbenchMessage {
    /// A load that failed, so the flash line can say so.
    var loadFailure: Loadable<Void> {
        switch self {
        case .overview(.failed(let m)), .datasets(.failed(let m)), .studies(.failed(let m)), .series(.failed(let m)),
            .instances(.failed(let m)), .inspection(.failed(let m)), .samples(.failed(let m)),
            .sampleFiles(.failed(let m)), .flags(.failed(let m)):
            return .failed(m)
        default:
            return .loaded(())
        }
    }
}

extension ListPane {
    /// j/k, arrows, g/G, PgUp/PgDn over the visible rows.
    mutating func navigate(_ key: Key, page: Int, filter: String) {
        table.selection.handle(key, count: visible(filter: filter).count, page: page)
    }
}
