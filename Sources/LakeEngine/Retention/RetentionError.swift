import Catalog
import Foundation

/// A retention, hold or deprecation rule that refused an operation. Carries data; the CLI and the
/// workbench show ``description``. Never carries patient data.
public enum RetentionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dataset is deprecated: new promotions and runs must use its successor.
    case deprecated(dataset: String, successor: String, reason: String)
    /// The dataset (or version) is already deprecated.
    case alreadyDeprecated(dataset: String, successor: String)
    /// A successor must be a published version of a dataset that is not itself deprecated, and not a
    /// version of the deprecated dataset that is not newer.
    case invalidSuccessor(String, why: String)
    /// Objects under a legal hold cannot move into a tier that needs a restore.
    case legallyHeld(objects: Int, holds: [Int64], toTier: String)
    /// No active hold has this id.
    case holdNotFound(Int64)
    /// The hold was released already.
    case holdReleased(Int64)
    /// Nothing may be deleted now.
    case nothingToDelete
    /// The requester tried to decide on their own deletion request.
    case ownRequest(request: Int64, user: String)
    /// The user holds no approver role and no approve grant on every dataset of the request.
    case notApprover(user: String, roles: [Role])
    /// The user already decided on this request; a person's decision counts once.
    case alreadyDecided(request: Int64, user: String)
    /// The request is not in a state that allows the operation.
    case wrongState(request: Int64, state: RetentionRequest.State, expected: [RetentionRequest.State])
    /// A reason is required (holds, overrides, deprecations, deletion requests and decisions).
    case reasonRequired
    /// Removing the bytes of an approved deletion stopped; a rerun of execute finishes it.
    case executionFailed(request: Int64, reason: String)
    /// A quality score below the zone's minimum.
    case scoreTooLow(reference: String, score: Double, minimum: Double, zone: String)

    public var description: String {
        switch self {
        case .deprecated(let dataset, let successor, let reason):
            "dataset \(dataset) is deprecated (\(reason)); use its successor \(successor)"
        case .alreadyDeprecated(let dataset, let successor):
            "dataset \(dataset) is already deprecated in favour of \(successor)"
        case .invalidSuccessor(let reference, let why): "\(reference) cannot be the successor: \(why)"
        case .legallyHeld(let objects, let holds, let toTier):
            "\(objects) object(s) are under legal hold \(holds.map { "#\($0)" }.joined(separator: ", ")) and cannot "
                + "move to tier '\(toTier)', which needs a restore"
        case .holdNotFound(let id): "no legal hold #\(id)"
        case .holdReleased(let id): "legal hold #\(id) was released already"
        case .nothingToDelete: "no object may be deleted now: the retention plan is empty"
        case .ownRequest(let request, let user): "\(user) requested deletion \(request) and cannot decide on it"
        case .notApprover(let user, let roles):
            "\(user) may not approve deletions: needs role \(roles.map(\.rawValue).joined(separator: " or ")) "
                + "or an approve grant on every dataset of the request"
        case .alreadyDecided(let request, let user):
            "\(user) already decided on deletion \(request); a person's approval counts once"
        case .wrongState(let request, let state, let expected):
            "deletion \(request) is \(state.rawValue), not \(expected.map(\.rawValue).joined(separator: " or "))"
        case .reasonRequired: "a reason is required"
        case .executionFailed(let request, let reason):
            "deletion \(request) stopped: \(reason); run it again to finish"
        case .scoreTooLow(let reference, let score, let minimum, let zone):
            "\(reference) scores \(score), below the minimum \(minimum) for \(zone)"
        }
    }
}
