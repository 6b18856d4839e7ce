import Catalog
import LakeEngine
import TUI

/// What a flag dialog asks for once confirmed, on whichever screen opened it (Flags, Imaging, Genomics):
/// each of those screens confirms through ``command(answer:api:)``, so the engine calls and their
/// flash sentences live in one place.
///
/// A request holds one target or flag, or the several marked with Space. Each one goes through the
/// engine's own flag call (so each is authorized and audited on its own); the first refusal stops the
/// rest and the flash line says how many were done before it.
enum FlagRequest: Sendable, Hashable {
    case resolve(flagIDs: [Int64])
    case waive(flagIDs: [Int64])
    case reopen(flagID: Int64)
    case add(targets: [String])

    /// The catalog writes, answered by one flash sentence or the first error.
    func command(answer: NoteDialog.Answer, api: any LakeAPI) -> Command<WorkbenchMessage> {
        switch self {
        case .resolve(let ids):
            return Self.each(ids, done: { "Resolved " + Self.flags($0) }, what: { "flag \($0)" }) { id in
                _ = try await api.closeFlag(id: id, .resolve(note: answer.note))
            }
        case .waive(let ids):
            return Self.each(ids, done: { "Waived " + Self.flags($0) }, what: { "flag \($0)" }) { id in
                _ = try await api.closeFlag(id: id, .waive(reason: answer.note))
            }
        case .reopen(let id):
            return .write {
                _ = try await api.reopenFlag(id: id, FlagReopening(note: answer.note))
                return "Reopened flag \(id)."
            }
        case .add(let targets):
            guard let code = answer.choice else { return .run { .failed("Please choose a flag code.") } }
            let severity = answer.option.flatMap(FlagSeverity.init(rawValue:))
            let done: @Sendable ([String]) -> String = { added in
                let what = (severity?.rawValue).map { "\($0) \(code)" } ?? code
                return added.count == 1 ? "Added flag \(what) on \(added[0])." : "Added flag \(what) on \(added.count) targets."
            }
            return Self.each(targets, done: done, what: { $0 }) { target in
                _ = try await api.raiseFlag(NewFlag(target: target, code: code, severity: severity, note: answer.note))
            }
        }
    }

    /// `flag 3.` or `4 flags.`
    private static func flags(_ ids: [Int64]) -> String {
        ids.count == 1 ? "flag \(ids[0])." : "\(ids.count) flags."
    }

    /// Runs `write` for each item in order off the main actor; stops at the first error.
    private static func each<Item: Sendable>(
        _ items: [Item], done: @escaping @Sendable ([Item]) -> String, what: @escaping @Sendable (Item) -> String,
        _ write: @escaping @Sendable (Item) async throws -> Void
    ) -> Command<WorkbenchMessage> {
        .run {
            var finished: [Item] = []
            for item in items {
                do {
                    try await write(item)
                    finished.append(item)
                } catch {
                    let before = finished.isEmpty ? "" : "\(finished.count) of \(items.count) done; "
                    return .failed(before + what(item) + ": " + String(describing: error))
                }
            }
            return .done(done(finished))
        }
    }
}
