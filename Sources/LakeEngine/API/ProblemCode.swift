/// The stable codes of ``ProblemDetails``, with the HTTP status each answers with.
///
/// The raw values are part of the API (`docs/service.md` lists them): add cases, never rename.
public enum ProblemCode: String, Codable, Sendable, Hashable, CaseIterable {
    // MARK: - Who
    /// The caller holds no role that allows the operation.
    case notPermitted
    /// A restricted dataset was used without a role or a live grant.
    case accessDenied
    /// The caller may not take this governance decision (own request, no approver role, decided already).
    case decisionRefused
    /// The socket peer's uid has no entry in the password database.
    case unknownUser
    /// A request over TCP without a bearer token, or with one that is unknown, expired or revoked.
    case invalidToken

    // MARK: - What
    case notFound
    case invalidArgument
    /// The request could not be decoded.
    case badRequest
    case unknownFlagCode
    /// The thing is not in a state that allows the operation (a closed flag, a decided promotion, a job).
    case conflict
    /// Policy checks or de-identification refused the operation.
    case policyRefused
    case restoreRequired

    // MARK: - The lake
    case invalidConfiguration
    case systemError
    case failed

    /// The HTTP status the service answers with.
    public var status: Int {
        switch self {
        case .notPermitted, .accessDenied, .decisionRefused: 403
        case .unknownUser, .invalidToken: 401
        case .notFound: 404
        case .invalidArgument, .badRequest, .unknownFlagCode: 400
        case .conflict, .restoreRequired: 409
        case .policyRefused: 422
        case .invalidConfiguration, .systemError, .failed: 500
        }
    }

    /// A short summary for the problem's `title`.
    public var title: String {
        switch self {
        case .notPermitted: "Not permitted"
        case .accessDenied: "Access denied"
        case .decisionRefused: "Decision refused"
        case .unknownUser: "Unknown user"
        case .invalidToken: "Invalid token"
        case .notFound: "Not found"
        case .invalidArgument: "Invalid argument"
        case .badRequest: "Bad request"
        case .unknownFlagCode: "Unknown flag code"
        case .conflict: "Conflict"
        case .policyRefused: "Refused by policy"
        case .restoreRequired: "Restore required"
        case .invalidConfiguration: "Invalid configuration"
        case .systemError: "System error"
        case .failed: "Failed"
        }
    }
}

// MARK: - Engine errors

extension LakeError {
    var problemCode: ProblemCode {
        switch self {
        case .unknownUser: .unknownUser
        case .lakeNotFound, .notFound: .notFound
        case .lakeExists, .flagNotOpen, .flagAlreadyOpen, .jobState: .conflict
        case .notPermitted: .notPermitted
        case .unknownFlagCode: .unknownFlagCode
        case .unknownGroup, .invalidArgument, .flagCodeNotForTarget: .invalidArgument
        case .system: .systemError
        case .restoreRequired: .restoreRequired
        }
    }
}

extension GovernanceError {
    var problemCode: ProblemCode {
        switch self {
        case .versionNotFound: .notFound
        case .notPublished, .wrongState, .alreadyPromoted: .conflict
        case .wrongTargetZone, .invalidFilter: .invalidArgument
        case .ownRequest, .notApprover, .alreadyDecided, .grantWithoutRole: .decisionRefused
        case .accessDenied: .accessDenied
        case .checksFailed, .phiRemaining: .policyRefused
        case .keyUnavailable, .unreadableObject, .corruptSource: .systemError
        }
    }
}

extension RetentionError {
    var problemCode: ProblemCode {
        switch self {
        case .holdNotFound: .notFound
        case .alreadyDeprecated, .holdReleased, .wrongState, .nothingToDelete: .conflict
        case .invalidSuccessor, .reasonRequired: .invalidArgument
        case .ownRequest, .notApprover, .alreadyDecided: .decisionRefused
        case .deprecated, .legallyHeld, .scoreTooLow: .policyRefused
        case .executionFailed: .failed
        }
    }
}

extension TokenError {
    var problemCode: ProblemCode {
        switch self {
        case .missing, .malformed, .unknown, .expired, .revoked: .invalidToken
        case .nameTaken: .conflict
        case .invalidName, .invalidLifetime: .invalidArgument
        }
    }
}

extension Permission: Codable {}
