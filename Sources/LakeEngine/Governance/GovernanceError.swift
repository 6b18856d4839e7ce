import Catalog
import Foundation

/// A governance rule that refused an operation, in words a user can act on. Never carries patient data.
public enum GovernanceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `reference` does not name a version (`DATASET@N`, `DATASET@HASHPREFIX`, `DATASET@latest`).
    case versionNotFound(String)
    /// The operation needs a published version.
    case notPublished(String)
    /// Promotions go one zone at a time, in the order of `zones.names`.
    case wrongTargetZone(from: String, to: String, expected: String?)
    /// The requester of a promotion tried to approve or reject it.
    case ownRequest(promotion: Int64, user: String)
    /// The user holds no approver role and no approve grant for the dataset.
    case notApprover(user: String, roles: [Role])
    /// The user already decided on this promotion; a person's decision counts once.
    case alreadyDecided(promotion: Int64, user: String)
    /// The promotion is not in a state that allows the operation.
    case wrongState(promotion: Int64, state: PromotionState, expected: String)
    /// Policy checks failed; `failed` names them.
    case checksFailed(promotion: Int64?, failed: [String])
    /// A restricted dataset was used (`scope`: read, annotate or approve) without a role or a live grant.
    case accessDenied(user: String, dataset: String, expiredGrant: Int64?, scope: String = "read")
    /// A key file of the lake (audit, pseudonym or de-identification; see `KeyFile`) cannot be used by this
    /// user.
    case keyUnavailable(path: String, reason: String)
    /// A de-identified object still carries identifying data.
    case phiRemaining(object: String, findings: [String])
    /// An object could not be read or parsed during execution.
    case unreadableObject(sha256: String, reason: String)
    /// A `--select` filter or other governance argument is malformed.
    case invalidFilter(String)
    /// A grant was asked for a user who holds no role in the lake: every read needs a role, so the grant
    /// would give them nothing.
    case grantWithoutRole(user: String)
    /// The source version already has a promotion into the zone that is pending, approved or executed;
    /// a new request is possible once that one is rejected.
    case alreadyPromoted(source: String, zone: String, existing: Int64, state: PromotionState)
    /// A source object's bytes no longer match its SHA-256 when execution read them; it was flagged.
    case corruptSource(sha256: String, path: String)

    public var description: String {
        switch self {
        case .versionNotFound(let reference):
            "no published version matches \(reference) (use DATASET@N, DATASET@HASHPREFIX or DATASET@latest)"
        case .notPublished(let reference): "\(reference) is not a published version; publish it first"
        case .wrongTargetZone(let from, let to, let expected):
            "cannot promote from \(from) to \(to)" + (expected.map { ": the next zone is \($0)" } ?? ": no zone follows it")
        case .ownRequest(let promotion, let user): "\(user) requested promotion \(promotion) and cannot decide on it"
        case .notApprover(let user, let roles):
            "\(user) may not approve promotions: needs role \(roles.map(\.rawValue).joined(separator: " or ")) or an approve grant"
        case .alreadyDecided(let promotion, let user):
            "\(user) already decided on promotion \(promotion); a person's approval counts once"
        case .wrongState(let promotion, let state, let expected): "promotion \(promotion) is \(state), not \(expected)"
        case .checksFailed(let promotion, let failed):
            (promotion.map { "promotion \($0): " } ?? "") + "policy checks failed: " + failed.joined(separator: "; ")
        case .accessDenied(let user, let dataset, let expired, let scope):
            "\(user) may not \(scope) restricted dataset \(dataset): needs a role that reads it"
                + (scope == "read" ? " or a grant" : " or a grant with scope \(scope)")
                + (expired.map { " (grant \($0) has expired, was revoked or does not cover it)" } ?? "")
        case .keyUnavailable(let path, let reason): "key \(path): \(reason)"
        case .phiRemaining(let object, let findings):
            "object \(object) still carries identifying data after de-identification: " + findings.joined(separator: "; ")
        case .unreadableObject(let sha256, let reason): "object \(sha256): \(reason)"
        case .invalidFilter(let message): message
        case .grantWithoutRole(let user):
            "\(user) holds no role in this lake, so a grant would give them nothing: give them a role first "
                + "(annotator to read and flag), then grant access"
        case .alreadyPromoted(let source, let zone, let existing, let state):
            "\(source) already has promotion \(existing) to \(zone) (\(state.rawValue)); one promotion per version and zone"
        case .corruptSource(let sha256, let path):
            "object \(sha256) (\(path)) no longer matches its SHA-256; it is flagged and nothing was published"
        }
    }
}
