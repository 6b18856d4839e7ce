import LakeEngine
import TUI

/// Promotion requests: policy checks, approvals so far and the manifest diff against the source;
/// approve or reject with a comment in a dialog naming the request, its manifest and counts.
struct PromotionsScreen: WorkbenchScreen {
    enum Message: Sendable {
        case promotions(Loadable<[PromotionSummary]>)
        case diff(Loadable<ManifestDiff>)
    }

    /// What a decision dialog does once confirmed.
    enum Request: Sendable, Hashable {
        case approve(promotionID: Int64)
        case reject(promotionID: Int64)
    }

    static let screen = Screen.promotions
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("y")], .approve, help: "approve", group: "Promotions"),
        KeyBinding([.character("n")], .reject, help: "reject", group: "Promotions"),
    ])

    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("DATASET"), TableColumn("ZONES"),
                         TableColumn("STATE"), TableColumn("APPROVALS"), TableColumn("ITEMS", alignment: .right),
                         TableColumn("REQUESTER"), TableColumn("REASON", width: .fill())])
    var promotions: [PromotionSummary] = []
    var diff: Loadable<ManifestDiff>?
    var diffOf: Int64?
    var query = TextInputState()

    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let lake = context.lake
        return Self.run { .promotions(Loadable { try lake.promotions() }) }
    }

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .promotions(let data):
            receive(data)
            return ScreenUpdate(loadDiff(lake: context.lake))
        case .diff(let diff):
            self.diff = diff
            return ScreenUpdate()
        }
    }

    private mutating func receive(_ data: Loadable<[PromotionSummary]>) {
        switch data {
        case .loaded(let promotions):
            self.promotions = promotions
            list.setRows(promotions.map { p in
                ListRow(id: String(p.id), cells: [
                    String(p.id), p.dataset, p.fromZone + "→" + p.targetZone, p.state.rawValue,
                    "\(p.approvals)/\(p.approvalsNeeded)", String(p.selectedCount), p.requester, p.reason,
                ])
            }, filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    /// The request under the cursor.
    var selected: PromotionSummary? {
        list.selected(filter: filter).flatMap { row in promotions.first { String($0.id) == row.id } }
    }

    /// Loads the diff of the selected request when the selection moved to another one.
    mutating func loadDiff(lake: Lake) -> Command<WorkbenchMessage> {
        guard let promotion = selected, promotion.id != diffOf else { return .none }
        diffOf = promotion.id
        diff = .loading
        let id = promotion.id
        return Self.run { .diff(Loadable { try lake.promotionDiff(id: id) }) }
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        list.navigate(key, page: context.page, filter: filter)
        return ScreenUpdate(loadDiff(lake: context.lake))
    }

    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        list.clamp(filter: filter)
        return ScreenUpdate()
    }

    var queryCounts: (matches: Int, total: Int) { (list.visible(filter: filter).count, list.rows.value?.count ?? 0) }

    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        if action == .drillIn, let promotion = selected {
            return ScreenUpdate(viewer: Self.viewer(promotion, width: context.width))
        }
        guard action == .approve || action == .reject, let promotion = selected else { return ScreenUpdate() }
        let approve = action == .approve
        let failing = promotion.checks.filter { !$0.passed }.map(\.code)
        return ScreenUpdate(dialog: Self.dialog(
            approve ? .approve(promotionID: promotion.id) : .reject(promotionID: promotion.id),
            title: (approve ? "Approve" : "Reject") + " promotion \(promotion.id)",
            lines: [
                "\(promotion.dataset): \(promotion.fromZone) → \(promotion.targetZone), \(promotion.selectedCount) items",
                "source " + promotion.source,
                "manifest " + promotion.sourceManifest,
                "requested by \(promotion.requester); approvals \(promotion.approvals)/\(promotion.approvalsNeeded)",
                failing.isEmpty ? "all policy checks pass" : "failing checks: " + failing.joined(separator: ", "),
            ],
            context: context))
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
        fields += promotion.decisions.map { (key: $0.decision + " by", value: $0.approver + ": " + $0.comment) }
        return RecordViewer(title: "Promotion \(promotion.id)", fields: fields, width: width)
    }

    func confirm(_ request: Request, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        let lake = context.lake
        switch request {
        case .approve(let id):
            return ScreenUpdate(.write {
                let promotion = try lake.approvePromotion(id: id, comment: answer.note)
                return "Approved promotion \(id): \(promotion.state.rawValue)."
            })
        case .reject(let id):
            return ScreenUpdate(.write {
                _ = try lake.rejectPromotion(id: id, comment: answer.note)
                return "Rejected promotion \(id)."
            })
        }
    }
}

// MARK: - View

extension PromotionsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let state = self
        let parts = area.split(.vertical, [.percentage(40), .fill(1)])
        let block = Block(title: "Promotions", isFocused: true)
        block.render(in: parts[0], buffer: &buffer)
        var table = state.list.table
        state.list.render(in: block.inner(parts[0]), buffer: &buffer, filter: filter, focused: true,
                          empty: "no promotion requests (medlake promote request)", state: &table)
        let lower = parts[1].split(.horizontal, [.percentage(50), .fill(1)], spacing: 1)
        let checks = Block(title: "Checks · approvals")
        checks.render(in: lower[0], buffer: &buffer)
        let diffBlock = Block(title: "Manifest diff against the source")
        diffBlock.render(in: lower[1], buffer: &buffer)
        guard let promotion = state.selected else { return }
        var lines = promotion.checks.map { ($0.passed ? "pass " : "FAIL ") + $0.code + "  " + $0.detail }
        if let score = promotion.sourceScore { lines.insert("quality score of \(promotion.source): \(score)", at: 0) }
        lines += promotion.decisions.map { "\($0.decision) by \($0.approver): \($0.comment)" }
        if promotion.decisions.isEmpty { lines.append("no decisions yet") }
        var list = ListState(selection: ScrollSelection(selected: nil))
        ListView(items: lines, isFocused: false).render(in: checks.inner(lower[0]), buffer: &buffer, state: &list)
        guard let diff = state.diff else { return }
        guard let value = diff.value else {
            diff.drawStatus(in: diffBlock.inner(lower[1]), buffer: &buffer)
            return
        }
        var diffLines = ["added \(value.added.count)  removed \(value.removed.count)  changed \(value.changed.count)",
                         "flag changes \(value.flagChanges.count)  transforms +\(value.transformsAdded.count)"]
        diffLines += value.added.prefix(50).map { "+ " + $0.path }
        diffLines += value.removed.prefix(50).map { "- " + $0.path }
        var diffList = ListState(selection: ScrollSelection(selected: nil))
        ListView(items: diffLines, isFocused: false).render(in: diffBlock.inner(lower[1]), buffer: &buffer, state: &diffList)
    }
}
