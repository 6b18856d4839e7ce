import Catalog
import Foundation
import LakeEngine
import TUI

/// A live tail of the audit log, newest first, narrowed by `actor:`, `action:` (exact, or a prefix
/// ending in `.`) and `since:` terms sent to the engine plus free text, with the hash chain verified in
/// the background: on opening, on `v`, and whenever newer events arrive.
struct AuditScreen: SingleListScreen {
    enum Message: Sendable {
        case events(Loadable<[AuditEntry]>)
        case verification(Loadable<AuditVerification>)
    }

    static let screen = Screen.audit
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("v")], .verifyAudit, help: "verify chain", group: "Audit"),
    ])
    static let queryKeys: Set<String> = ["actor", "action", "since"]
    static let queryHelp = [HelpSection(title: "Query (/)", hints: [
        Hint(keys: "actor:", help: "a user"), Hint(keys: "action:", help: "flag.add, or a family: flag"),
        Hint(keys: "since:", help: "15m, 2h, 7d or 2026-11-25T04:00"), Hint(keys: "words", help: "free text"),
    ])]
    /// How many of the newest matching events the tail holds.
    static let tailLength = 1000

    var list = ListPane([TableColumn("SEQ", alignment: .right), TableColumn("TIME (UTC)"), TableColumn("ACTOR"),
                         TableColumn("ROLE"), TableColumn("ACTION"), TableColumn("TARGET", width: .auto(max: 34), truncation: .middle),
                         TableColumn("DETAILS", width: .fill())])
    /// The events listed, newest first (the rows' full text for Enter).
    var events: [AuditEntry] = []
    var verification: Loadable<AuditVerification>?
    /// Whether a verification is running (at most one at a time).
    var verifying = false
    var query = TextInputState()

    /// The engine query for `query` (the newest ``tailLength`` events), resolving `since:` against `now`,
    /// or why a term is not understood.
    static func engineFilter(_ query: FilterQuery, now: Date) -> Result<AuditQuery, QueryTermError> {
        var filter = AuditQuery(actor: query.terms["actor"], action: query.terms["action"], newestFirst: true,
                                page: PageRequest(limit: tailLength))
        if let since = query.terms["since"] {
            guard let date = TimeSpan.start(of: since, now: now) else {
                return .failure(QueryTermError(key: "since", value: since, allowed: TimeSpan.examples))
            }
            filter.since = date
        }
        return .success(filter)
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .events(let data):
            let command = receive(data, api: context.api)
            return ScreenUpdate(command, flash: data.failureFlash(at: context.now))
        case .verification(let result):
            verifying = false
            verification = result
            return ScreenUpdate()
        }
    }

    private mutating func receive(_ data: Loadable<[AuditEntry]>, api: any LakeAPI) -> Command<WorkbenchMessage> {
        switch data {
        case .loaded(let events):
            self.events = events
            list.setRows(events.map { event in
                ListRow(id: String(event.seq),
                        cells: [String(event.seq), Formatting.time(event.time), event.actor, event.role?.rawValue ?? "",
                                event.action, event.target, event.detailsText])
            }, filter: filter)
            let verified = verification?.value.map { Int64($0.eventCount) } ?? 0
            let newer = events.first.map { $0.seq > verified } ?? false
            if verification == nil || (newer && verification?.value?.isIntact != false) { return verify(api) }
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
        return .none
    }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        switch action {
        case .verifyAudit: return ScreenUpdate(verify(context.api))
        case .drillIn:
            guard let row = list.selected(filter: filter), let event = events.first(where: { String($0.seq) == row.id })
            else { return ScreenUpdate() }
            return ScreenUpdate(viewer: Self.viewer(event, width: context.width))
        default: return ScreenUpdate()
        }
    }

    /// The whole event: its fields, each detail on its own line, and the hashes that chain it.
    static func viewer(_ event: AuditEntry, width: Int) -> RecordViewer {
        RecordViewer(
            title: "Audit event \(event.seq)",
            fields: [("seq", String(event.seq)), ("time (UTC)", Formatting.time(event.time)),
                     ("actor", event.actor), ("role", event.role?.rawValue ?? ""), ("action", event.action),
                     ("target", event.target)]
                + event.details.keys.sorted().map { (key: "· " + $0, value: event.details[$0] ?? "") }
                + [("details", event.detailsText), ("previous hash", event.prevHash), ("hash", event.hash)],
            width: width)
    }


    /// Starts walking the chain off the main actor, unless a walk is already running.
    mutating func verify(_ api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard !verifying else { return .none }
        verifying = true
        return Self.run { .verification(await .awaiting { try await api.verifyAudit() }) }
    }

    /// The chain's state for the status row, and the role to draw it in.
    var chainStatus: (text: String, role: TUI.Role) {
        let running = verifying ? " · verifying…" : ""
        switch verification {
        case nil: return ("chain: verifying…", .muted)
        case .loading: return ("chain: verifying…", .muted)
        case .failed(let message): return ("chain: not verified: " + message + running, .error)
        case .loaded(let result):
            if let bad = result.firstBad {
                return ("chain BROKEN at seq \(bad.seq): \(bad.reason) (\(result.eventCount) events before it verify)"
                        + running, .error)
            }
            if let change = result.unaudited.first {
                return ("chain OK, but \(result.unaudited.count) change(s) without audit events: \(change.reason)"
                        + running, .error)
            }
            return ("chain OK: \(result.eventCount) events verified" + running, .success)
        }
    }

    /// Loads the tail the query's terms select; a term it does not understand fails the load.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        switch Self.engineFilter(parsedQuery, now: context.wallClock) {
        case .success(let query):
            return Self.run { .events(await .awaiting { try await api.auditEntries(query).items }) }
        case .failure(let error): return Self.run { .events(.failed(error.description)) }
        }
    }
}

// MARK: - View

extension AuditScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let query = parsedQuery
        let terms = ["actor", "action", "since"].map { $0 + ":" + (query.terms[$0] ?? "any") }.joined(separator: " ")
        let block = Block(title: "Audit tail  " + terms, isFocused: true)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard inner.height > 1 else { return }
        let status = chainStatus
        buffer.write(status.text, column: inner.x + 1, row: inner.y, width: inner.width - 1, role: status.role)
        var table = list.table
        list.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1),
                    buffer: &buffer, filter: filter, focused: true, empty: "no audit events match", state: &table)
    }
}
