import Foundation
import LakeEngine
import TUI

/// One screen of the workbench as a component: its own model (the conforming value), keymap, update
/// and view, as a lazygit panel has its controller and a Bubble Tea child its `Update`/`View`.
///
/// A screen never sees the ``WorkbenchModel``: it gets a ``ScreenContext`` (the lake, the clock, the
/// page height) and answers with a ``ScreenUpdate`` (work to start, a dialog to open, a flash line,
/// another screen to show). Its catalog reads come back as its own ``Message`` values, and the dialogs
/// it opens come back to its ``confirm(_:answer:context:)`` with its own ``Request``, so the confirm
/// logic lives beside the key that opened the dialog.
///
/// Adding a screen: a conforming type in `Screens/`, and its case in ``Screen`` plus its slot in
/// ``ScreenComponents`` (the one registration).
///
/// - Note: Components are values held by the model and changed on the main actor only; `Sendable`
///   because commands capture parts of them.
protocol WorkbenchScreen: Sendable {
    /// What this screen's catalog commands answer with.
    associatedtype Message: Sendable = Never
    /// What a dialog opened by this screen asks for once confirmed.
    associatedtype Request: Sendable = Never

    /// Which screen this is (routes its messages and dialogs back to it).
    static var screen: Screen { get }
    /// The screen's own bindings; the global ones (``Workbench/globalKeymap``) follow them.
    static var keymap: Keymap<WorkbenchAction> { get }
    /// The `key:value` terms its `/` line understands; other words filter as free text.
    static var queryKeys: Set<String> { get }
    /// What its `/` line does, for the `?` help.
    static var queryHelp: [HelpSection] { get }
    /// The `/` line the screen opens with, and returns to when Esc cancels an edit of it (Flags:
    /// `state:open`, so Esc never widens the review queue to every closed flag).
    static var initialQuery: String { get }

    /// The `/` line, kept while other screens are shown.
    var query: TextInputState { get set }

    /// Starts loading what the screen shows (when it is shown, and on a catalog change).
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage>
    /// Applies the answer of one of its commands.
    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate
    /// Applies one of its keymap's actions, or Enter, Esc and Tab (``WorkbenchAction/drillIn``,
    /// ``WorkbenchAction/back``, ``WorkbenchAction/nextPane``).
    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate
    /// A key no binding holds: list movement (j/k, arrows, g/G, PgUp/PgDn).
    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate
    /// The `/` line changed (`committed`: Enter or Esc closed it).
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate
    /// The focused list's sort changed: a windowed list fetches its pages in the new order.
    mutating func listReordered(context: ScreenContext) -> ScreenUpdate
    /// Runs a dialog this screen opened, once confirmed.
    mutating func confirm(_ request: Request, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate
    /// Another screen asked to show `target` (Enter on a flag opens its series or sample).
    mutating func reveal(_ target: ScreenTarget, context: ScreenContext) -> ScreenUpdate
    /// Called on every workbench tick (four times a second), shown or not.
    mutating func tick(context: ScreenContext) -> Command<WorkbenchMessage>

    /// The list that has the focus, which sorting, the row viewer, export and the mouse act on (nil:
    /// none has; the default). See `Workbench+Tables.swift`.
    var focusedList: ListPane? { get set }
    /// The text that list is filtered by (default: the free `/` text).
    var focusedListFilter: String { get }

    /// Matches and total for the filter line.
    var queryCounts: (matches: Int, total: Int) { get }
    /// Draws the screen body.
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext)
}

// MARK: - Defaults

extension WorkbenchScreen {
    static var queryKeys: Set<String> { [] }
    static var queryHelp: [HelpSection] { [] }
    static var initialQuery: String { "" }

    /// ``initialQuery`` of this screen's type.
    var initialQuery: String { Self.initialQuery }

    func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate { ScreenUpdate() }
    func listReordered(context: ScreenContext) -> ScreenUpdate { ScreenUpdate() }
    func reveal(_ target: ScreenTarget, context: ScreenContext) -> ScreenUpdate { ScreenUpdate(load(context)) }
    func tick(context: ScreenContext) -> Command<WorkbenchMessage> { .none }

    /// The free text of the `/` line (its `key:value` terms go to the engine).
    var filter: String { FilterQuery(query.text, keys: Self.queryKeys).text }

    /// The `/` line read as terms and free text.
    var parsedQuery: FilterQuery { FilterQuery(query.text, keys: Self.queryKeys) }

    /// Runs `work` off the main actor and hands its message back to this screen.
    static func run(_ work: @escaping @Sendable () async -> Message?) -> Command<WorkbenchMessage> {
        let screen = Self.screen
        return .run { await work().map { WorkbenchMessage.screen(screen, $0) } }
    }

    /// A dialog whose confirmation comes back to this screen as `request`.
    static func dialog(
        _ request: Request, title: String, lines: [String], choices: [String] = [], option: NoteDialog.Option? = nil,
        context: ScreenContext
    ) -> NoteDialog {
        NoteDialog(owner: screen, request: request, title: title, lines: lines, choices: choices, option: option,
                   openedAt: context.now)
    }
}

extension WorkbenchScreen where Request == Never {
    func confirm(_ request: Never, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {}
}

extension WorkbenchScreen where Message == Never {
    func receive(_ message: Never, context: ScreenContext) -> ScreenUpdate {}
}

// MARK: - Routing

extension WorkbenchScreen {
    /// Delivers a message addressed to this screen (a `payload` of another type is a routing bug and ignored).
    mutating func deliver(_ payload: any Sendable, context: ScreenContext) -> ScreenUpdate {
        guard let message = payload as? Message else { return ScreenUpdate() }
        return receive(message, context: context)
    }

    /// Runs a confirmed dialog addressed to this screen.
    mutating func confirm(_ dialog: NoteDialog, context: ScreenContext) -> ScreenUpdate {
        guard let request = dialog.request as? Request else { return ScreenUpdate() }
        return confirm(request, answer: dialog.answer, context: context)
    }

    /// The active keymap: the screen's bindings, then the global ones.
    var activeKeymap: Keymap<WorkbenchAction> { Self.keymap.merged(with: Workbench.globalKeymap) }

    /// The `?` help for this screen's query line.
    var activeQueryHelp: [HelpSection] { Self.queryHelp }

    /// The `/` line opened: on a screen with terms, a space after them so typing starts a new word.
    mutating func openQuery() {
        guard !Self.queryKeys.isEmpty, !query.text.isEmpty, !query.text.hasSuffix(" ") else { return }
        query = TextInputState(text: query.text + " ")
    }
}

/// What a screen may read while it updates or draws: never the workbench model itself.
struct ScreenContext: Sendable {
    /// The engine's API: in-process or through the lake service.
    let api: any LakeAPI
    /// The engine in-process, for what the API does not carry yet; nil for a served lake.
    let engine: Lake?
    /// The lake's name, zones and tiers, and the user with their roles.
    let session: WorkbenchSession
    /// The runtime clock (dialog guards, flash expiry).
    let now: Timestamp
    /// The wall clock (`since:` terms).
    let wallClock: Date
    /// Rows a PgUp/PgDn moves.
    let page: Int
    /// Columns a ``RecordViewer`` opened now has for its text.
    let width: Int
    /// Starts `medlake worker` (Migrations `w`); nil where there is no executable.
    let workerLauncher: WorkerLauncher?
}

/// A pane the lake service does not serve yet: it needs the lake opened in-process (its owner).
struct InProcessOnly: Error, CustomStringConvertible {
    /// What needs the lake in-process, e.g. "tier occupancy".
    var what: String

    var description: String { "Not through the lake service yet: \(what) (open the lake in-process as its owner)." }
}

/// What a screen asks of the workbench after an update.
struct ScreenUpdate: Sendable {
    /// Work to start.
    var command: Command<WorkbenchMessage> = .none
    /// A dialog to open on top of the screen.
    var dialog: NoteDialog?
    /// A line for the flash bar.
    var flash: FlashMessage?
    /// Another screen to switch to, and what it should show.
    var show: (screen: Screen, target: ScreenTarget)?
    /// A text to open in the viewer on top of the screen.
    var viewer: RecordViewer?

    init(_ command: Command<WorkbenchMessage> = .none, dialog: NoteDialog? = nil, flash: FlashMessage? = nil,
         show: (screen: Screen, target: ScreenTarget)? = nil, viewer: RecordViewer? = nil) {
        self.command = command
        self.dialog = dialog
        self.flash = flash
        self.show = show
        self.viewer = viewer
    }
}

/// What one screen asks another to show.
enum ScreenTarget: Sendable, Hashable {
    /// A series or study UID (Imaging).
    case imaging(uid: String)
    /// A sample by name (Genomics).
    case sample(String)
    /// Datasets whose text holds this (Datasets' filter).
    case datasets(filter: String)
    /// Nothing in particular: the screen as it was left.
    case none
}

extension Command where Message == WorkbenchMessage {
    /// The flash line saying `what` needs the lake in-process: on a served lake, a pane the API does not
    /// carry yet.
    static func inProcessOnly(_ what: String) -> Command {
        .run { .failed(InProcessOnly(what: what).description) }
    }

    /// A catalog write off the main actor: its sentence for the flash line, or its error's.
    static func write(_ work: @escaping @Sendable () async throws -> String) -> Command {
        .run {
            do { return .done(try await work()) } catch { return .failed(String(describing: error)) }
        }
    }
}
