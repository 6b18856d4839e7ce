import LakeEngine
import TUI

/// Promotion requests with their execution state (awaiting approval, blocked by which checks, ready,
/// failed, executed): policy checks, approvals so far and the manifest diff against the source; approve
/// or reject with a comment in a dialog naming the request, its manifest and counts; `x` executes or
/// retries an approved one.
///
/// The checks run again in the engine whenever the cursor reaches a request and when a decision dialog
/// opens (``Lake/promotion(id:)``), so what the panes and the dialog show is the policy now. Tab moves
/// the focus to the Checks and Diff panes, which then scroll with the list keys; Esc returns to the list.
struct PromotionsScreen: SingleListScreen {
    enum Message: Sendable {
        case promotions(Loadable<[PromotionSummary]>)
        case diff(Loadable<ManifestDiff>)
        /// The request under the cursor with its checks run again.
        case reviewed(Loadable<PromotionSummary>)
        /// A decision asked for (y or n): the request with its checks run again, to show in the dialog.
        case decision(Loadable<PromotionSummary>, approve: Bool)
    }

    /// What a decision dialog does once confirmed.
    enum Request: Sendable, Hashable {
        case approve(promotionID: Int64)
        case reject(promotionID: Int64)
    }

    /// The pane that has the focus.
    enum Pane: Sendable, Hashable { case list, checks, diff }

    static let screen = Screen.promotions
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("y")], .approve, help: "approve", group: "Promotions"),
        KeyBinding([.character("n")], .reject, help: "reject", group: "Promotions"),
        KeyBinding([.character("x")], .executePromotion, help: "execute/retry", group: "Promotions"),
    ])

    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("DATASET"), TableColumn("ZONES"),
                         TableColumn("STATE"), TableColumn("EXECUTION", width: .auto(max: 32)),
                         TableColumn("APPROVALS"), TableColumn("ITEMS", alignment: .right),
                         TableColumn("REQUESTER"), TableColumn("REASON", width: .fill())])
    var promotions: [PromotionSummary] = []
    var diff: Loadable<ManifestDiff>?
    var diffOf: Int64?
    var focus: Pane = .list
    var checksScroll = ListState()
    var diffScroll = ListState()
    var query = TextInputState()

    /// The promotions, one page of ``Workbench/pageLimit``: requests between zones are few, so this list
    /// is held whole rather than windowed like the series and samples.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        return Self.run { .promotions(await .awaiting { try await api.promotions(PromotionQuery(page: PageRequest(limit: Workbench.pageLimit))).items }) }
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .promotions(let data):
            receive(data)
            let moved = selected?.id != diffOf
            return ScreenUpdate(moved ? loadDetail(api: context.api) : review(api: context.api))
        case .diff(let diff):
            self.diff = diff
            return ScreenUpdate()
        case .reviewed(let data):
            if let promotion = data.value { replace(promotion) }
            return ScreenUpdate(flash: data.failureFlash(at: context.now))
        case .decision(let data, let approve):
            guard let promotion = data.value else { return ScreenUpdate(flash: data.failureFlash(at: context.now)) }
            replace(promotion)
            return ScreenUpdate(dialog: decisionDialog(promotion, approve: approve, context: context))
        }
    }

    private mutating func receive(_ data: Loadable<[PromotionSummary]>) {
        switch data {
        case .loaded(let promotions):
            self.promotions = promotions
            list.setRows(promotions.map(Self.row), filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    private static func row(_ p: PromotionSummary) -> ListRow {
        ListRow(id: String(p.id), cells: [
            String(p.id), p.dataset, p.fromZone + "→" + p.targetZone, p.state.rawValue, p.execution.cell,
            "\(p.approvals)/\(p.approvalsNeeded)", String(p.selectedCount), p.requester, p.reason,
        ])
    }

    /// Puts a freshly reviewed request in place of the listed one.
    private mutating func replace(_ promotion: PromotionSummary) {
        guard let index = promotions.firstIndex(where: { $0.id == promotion.id }) else { return }
        promotions[index] = promotion
        list.setRows(promotions.map(Self.row), filter: filter)
    }

    /// The request under the cursor.
    var selected: PromotionSummary? {
        list.selected(filter: filter).flatMap { row in promotions.first { String($0.id) == row.id } }
    }

    /// When the selection moved to another request: runs its checks again and loads its diff.
    mutating func loadDetail(api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard let promotion = selected, promotion.id != diffOf else { return .none }
        diffOf = promotion.id
        diff = .loading
        checksScroll = ListState()
        diffScroll = ListState()
        let id = promotion.id
        return .batch([review(api: api), Self.run { .diff(await .awaiting { try await api.promotionDiff(id: id) }) }])
    }

    /// Runs the checks of the request under the cursor again (the list shows them as last run). A
    /// review that changes them writes the catalog, which reloads the list once more; one that changes
    /// nothing writes nothing, so the reloads stop.
    func review(api: any LakeAPI) -> Command<WorkbenchMessage> {
        guard let id = selected?.id else { return .none }
        return Self.run { .reviewed(await .awaiting { try await api.promotion(id: id) }) }
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        switch focus {
        case .list:
            list.navigate(key, page: context.page, filter: filter)
            return ScreenUpdate(loadDetail(api: context.api))
        case .checks:
            _ = checksScroll.selection.handle(key, count: checkLines.count, page: context.page)
        case .diff:
            _ = diffScroll.selection.handle(key, count: diffLines.count, page: context.page)
        }
        return ScreenUpdate()
    }


    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let api = context.api
        switch action {
        case .nextPane:
            focus = focus == .list ? .checks : (focus == .checks ? .diff : .list)
        case .back:
            focus = .list
        case .drillIn:
            guard let promotion = selected else { break }
            return ScreenUpdate(viewer: Self.viewer(promotion, width: context.width))
        case .approve, .reject:
            guard let id = selected?.id else { break }
            let approve = action == .approve
            return ScreenUpdate(Self.run { .decision(await .awaiting { try await api.promotion(id: id) }, approve: approve) })
        case .executePromotion:
            guard let promotion = selected else { break }
            guard promotion.state == .approved else {
                return ScreenUpdate(flash: FlashMessage(
                    "Promotion \(promotion.id) is \(promotion.state.rawValue): only an approved one executes.",
                    level: .warning, at: context.now))
            }
            let id = promotion.id
            return ScreenUpdate(.run {
                do {
                    let done = try await api.executePromotion(id: id)
                    return Self.outcome("Promotion \(id)", done)
                } catch {
                    return .unfinished("Promotion \(id) not executed: \(error)")
                }
            })
        default: break
        }
        return ScreenUpdate()
    }

    /// The decision dialog, with the checks as they stand now.
    private func decisionDialog(_ promotion: PromotionSummary, approve: Bool, context: ScreenContext) -> NoteDialog {
        let failing = promotion.checks.filter { !$0.passed }.map(\.code)
        return Self.dialog(
            approve ? .approve(promotionID: promotion.id) : .reject(promotionID: promotion.id),
            title: (approve ? "Approve" : "Reject") + " promotion \(promotion.id)",
            lines: [
                "\(promotion.dataset): \(promotion.fromZone) → \(promotion.targetZone), \(promotion.selectedCount) items",
                "source " + promotion.source,
                "manifest " + promotion.sourceManifest,
                "requested by \(promotion.requester); approvals \(promotion.approvals)/\(promotion.approvalsNeeded)",
                failing.isEmpty ? "all policy checks pass (run now)" : "FAILING checks (run now): " + failing.joined(separator: ", "),
                "execution: " + promotion.execution.sentence,
            ],
            context: context)
    }

    /// The whole request: what moves where, why, every check with its detail, every decision.
    static func viewer(_ promotion: PromotionSummary, width: Int) -> RecordViewer {
        var fields: [(key: String, value: String)] = [
            ("request", String(promotion.id)), ("dataset", promotion.dataset),
            ("zones", promotion.fromZone + " → " + promotion.targetZone), ("state", promotion.state.rawValue),
            ("requester", promotion.requester), ("reason", promotion.reason), ("source", promotion.source),
            ("manifest", promotion.sourceManifest), ("items", String(promotion.selectedCount)),
            ("approvals", "\(promotion.approvals)/\(promotion.approvalsNeeded)"),
        ]
        if let score = promotion.sourceScore { fields.append(("quality score", String(score))) }
        fields += promotion.checks.map { (key: ($0.passed ? "pass " : "FAIL ") + $0.code, value: $0.detail) }
        fields += promotion.decisions.map { (key: $0.decision.rawValue + " by", value: $0.approver + ": " + $0.comment) }
        return RecordViewer(title: "Promotion \(promotion.id)", fields: fields, width: width)
    }

    func confirm(_ request: Request, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        let api = context.api
        switch request {
        case .approve(let id):
            return ScreenUpdate(.run {
                do {
                    return Self.outcome("Approved promotion \(id)", try await api.approvePromotion(id: id, comment: answer.note))
                } catch {
                    return .failed(String(describing: error))
                }
            })
        case .reject(let id):
            return ScreenUpdate(.write {
                _ = try await api.rejectPromotion(id: id, comment: answer.note)
                return "Rejected promotion \(id)."
            })
        }
    }

    /// The flash line of a decision or an execution: its final outcome, a warning when nothing was published.
    static func outcome(_ subject: String, _ promotion: PromotionSummary) -> WorkbenchMessage {
        let text = "\(subject): \(promotion.execution.sentence)."
        return promotion.execution.isSuccess ? .done(text) : .unfinished(text)
    }

    // MARK: - Pane contents

    /// The Checks pane: the execution state, the quality score, each check (failures drawn in the
    /// theme's error role) and the decisions.
    var checkLines: [(text: String, role: TUI.Role)] {
        guard let promotion = selected else { return [] }
        var lines: [(String, TUI.Role)] = [
            ("execution: " + promotion.execution.sentence, promotion.execution.isSuccess ? .normal : .error)
        ]
        if let score = promotion.sourceScore { lines.append(("quality score of \(promotion.source): \(score)", .normal)) }
        lines += promotion.checks.map { (($0.passed ? "pass " : "FAIL ") + $0.code + "  " + $0.detail, $0.passed ? .normal : .error) }
        lines += promotion.decisions.map { ("\($0.decision.rawValue) by \($0.approver): \($0.comment)", .normal) }
        if promotion.decisions.isEmpty { lines.append(("no decisions yet", .muted)) }
        return lines
    }

    /// The Diff pane (``PromotionDiffLines``).
    var diffLines: [String] { diff?.value.map(PromotionDiffLines.lines) ?? [] }
}

// MARK: - View

extension PromotionsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let parts = area.split(.vertical, [.percentage(40), .fill(1)])
        let block = Block(title: "Promotions", isFocused: focus == .list)
        block.render(in: parts[0], buffer: &buffer)
        var table = list.table
        list.render(in: block.inner(parts[0]), buffer: &buffer, filter: filter, focused: focus == .list,
                    empty: "no promotion requests (medlake promote request)", state: &table)
        let lower = parts[1].split(.horizontal, [.percentage(50), .fill(1)], spacing: 1)
        let checks = Block(title: "Checks · approvals" + (focus == .checks ? " (Esc: list)" : " (Tab)"),
                           isFocused: focus == .checks)
        checks.render(in: lower[0], buffer: &buffer)
        let diffBlock = Block(title: "Manifest diff against the source", isFocused: focus == .diff)
        diffBlock.render(in: lower[1], buffer: &buffer)
        guard selected != nil else { return }
        let lines = checkLines
        var checksState = checksScroll
        ListView(items: lines.map(\.text), roles: lines.map(\.role), isFocused: focus == .checks)
            .render(in: checks.inner(lower[0]), buffer: &buffer, state: &checksState)
        guard let diff else { return }
        guard diff.value != nil else {
            diff.drawStatus(in: diffBlock.inner(lower[1]), buffer: &buffer)
            return
        }
        var diffState = diffScroll
        ListView(items: diffLines, isFocused: focus == .diff)
            .render(in: diffBlock.inner(lower[1]), buffer: &buffer, state: &diffState)
    }
}
