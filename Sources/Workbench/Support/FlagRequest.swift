import Catalog
import LakeEngine
import TUI

/// What a flag dialog asks for once confirmed, on whichever screen opened it (Flags, Imaging, Genomics):
/// each of those screens confirms through ``command(answer:lake:)``, so the engine calls and their
/// flash sentences live in one place.
enum FlagRequest: Sendable, Hashable {
    case resolve(flagID: Int64)
    case waive(flagID: Int64)
    case reopen(flagID: Int64)
    case add(target: String)

    /// The catalog write, answered by the flash sentence or the engine's error.
    func command(answer: NoteDialog.Answer, lake: Lake) -> Command<WorkbenchMessage> {
        switch self {
        case .resolve(let id):
            return .write {
                try lake.resolveFlag(id: id, note: answer.note)
                return "Resolved flag \(id)."
            }
        case .waive(let id):
            return .write {
                try lake.waiveFlag(id: id, reason: answer.note)
                return "Waived flag \(id)."
            }
        case .reopen(let id):
            return .write {
                try lake.reopenFlag(id: id, note: answer.note)
                return "Reopened flag \(id)."
            }
        case .add(let target):
            guard let code = answer.choice else { return .run { .failed("Please choose a flag code.") } }
            let severity = answer.option.flatMap(FlagSeverity.init(rawValue:))
            return .write {
                let flag = try lake.addFlag(target: target, code: code, severity: severity, note: answer.note)
                return "Added flag \(flag.id ?? 0) \(flag.severity) \(code) on \(target)."
            }
        }
    }
}
