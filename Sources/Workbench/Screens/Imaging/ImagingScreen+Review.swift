import LakeEngine
import TUI

/// The QC loop on the imaging lists: marks (Space), flagging one or every marked study or series
/// (`a`), and "reviewed, next" (`x`).
extension ImagingScreen {
    /// The list level marks apply to (studies or series; the instance view flags its series).
    private var markLevel: Level? { level == .instances ? nil : level }

    /// Marks or unmarks the row under the cursor and steps down, as file managers do.
    mutating func toggleMark() {
        guard let level = markLevel, let row = currentList.selected(filter: filter) else { return }
        if marks[level, default: []].remove(row.id) == nil { marks[level, default: []].insert(row.id) }
        currentList.navigate(.down, page: 1, filter: filter)
    }

    /// The marked UIDs of the list shown, in list order.
    var marked: [String] {
        guard let level = markLevel, let ids = marks[level], !ids.isEmpty else { return [] }
        return currentList.inListOrder(ids)
    }

    /// `a`: a flag dialog for the marked studies or series, else the one under the cursor (or shown).
    func addFlag(context: ScreenContext) -> ScreenUpdate {
        let kind = level == .studies ? "Study" : "Series"
        let choices = FlagCodeChoices(session: context.session, kind: level == .studies ? .study : .series)
        let marked = marked
        if !marked.isEmpty {
            return ScreenUpdate(dialog: Self.dialog(
                .add(targets: marked), title: "Add flag to \(marked.count) marked",
                lines: marked.prefix(4).map { kind + " " + $0 } + (marked.count > 4 ? ["and \(marked.count - 4) more"] : []),
                choices: choices.codes, option: choices.severity, context: context))
        }
        guard let target = level == .instances ? seriesRow : currentList.selected(filter: filter) else {
            return ScreenUpdate()
        }
        return ScreenUpdate(dialog: Self.dialog(
            .add(targets: [target.id]), title: "Add flag",
            lines: [kind + " " + target.id, "in dataset " + target.dataset], choices: choices.codes,
            option: choices.severity, context: context))
    }

    /// `x` in the instance view: records the series as reviewed (audited) and opens the next one.
    mutating func reviewedNext(context: ScreenContext) -> ScreenUpdate {
        guard level == .instances, let reviewed = seriesRow else { return ScreenUpdate() }
        let api = context.api
        let record: Command<WorkbenchMessage> = .write {
            _ = try await api.recordReview(NewReview(target: reviewed.id))
            return "Reviewed series \(reviewed.id)."
        }
        guard let next = series.step(1, filter: filter(on: .series)) else {
            return ScreenUpdate(record, flash: FlashMessage("Last series of this study; ) opens the next study.",
                                                            level: .info, at: context.now, for: .seconds(5)))
        }
        return ScreenUpdate(.batch([record, open(series: next, context: context)]))
    }
}
