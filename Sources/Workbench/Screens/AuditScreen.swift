import Catalog
import LakeEngine
import TUI

/// The audit log, newest first, refreshed as events arrive, with the chain's verification status.
struct AuditState: Sendable {
    var list = ListPane([TableColumn("SEQ", alignment: .right), TableColumn("TIME (UTC)"), TableColumn("ACTOR"),
                         TableColumn("ROLE"), TableColumn("ACTION"), TableColumn("TARGET", width: .auto(max: 34)),
                         TableColumn("DETAILS", width: .fill())])
    var verification: AuditVerification?

    mutating func receive(_ data: Loadable<[AuditEvent]>, verification: AuditVerification?, filter: String) {
        self.verification = verification
        switch data {
        case .loaded(let events):
            list.setRows(events.reversed().map { event in
                ListRow(id: String(event.seq),
                        cells: [String(event.seq), Formatting.time(milliseconds: event.time), event.actor, event.role,
                                event.action, event.target, event.details])
            }, filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    func handle(_ action: WorkbenchAction, lake: Lake) -> Command<WorkbenchMessage> {
        guard action == .verifyAudit else { return .none }
        return .run {
            do {
                let result = try lake.verifyAudit()
                return result.isIntact
                    ? .done("Audit chain intact: \(result.eventCount) events.")
                    : .failed("Audit chain broken at seq \(result.firstBad?.seq ?? 0): \(result.firstBad?.reason ?? "")")
            } catch {
                return .failed(String(describing: error))
            }
        }
    }

    var chainStatus: String {
        guard let verification else { return "chain: unknown" }
        if let bad = verification.firstBad { return "chain BROKEN at seq \(bad.seq)" }
        return "chain intact (\(verification.eventCount) events)"
    }
}

extension Workbench {
    func viewAudit(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let block = Block(title: "Audit · " + model.audit.chainStatus, isFocused: true)
        block.render(in: area, buffer: &buffer)
        var table = model.audit.list.table
        model.audit.list.render(in: block.inner(area), buffer: &buffer, filter: model.filter, focused: true,
                                empty: "no audit events", state: &table)
    }
}
