/// An engine failure as an RFC 9457 problem details document (`application/problem+json`).
///
/// `code` is stable (clients and scripts branch on it); `failure` carries the engine's typed error, so a
/// client rethrows the very error the engine threw and words it as the in-process path would. Messages
/// never carry patient data (the engine's errors do not).
///
/// ```json
/// {"type": "urn:medlake:problem:notPermitted", "title": "Not permitted", "status": 403,
///  "detail": "bob may not add quality flags: needs role annotator or curator", "code": "notPermitted",
///  "failure": {"lake": {"_0": {"notPermitted": {"user": "bob", "permission": "addFlag"}}}}}
/// ```
public struct ProblemDetails: Codable, Sendable, Error {
    /// `urn:medlake:problem:` followed by ``code``.
    public var type: String
    public var title: String
    /// The HTTP status the service answered with.
    public var status: Int
    /// The failure in words.
    public var detail: String
    public var code: ProblemCode
    public var failure: EngineFailure

    public init(_ failure: EngineFailure) {
        self.failure = failure
        code = failure.code
        type = "urn:medlake:problem:" + code.rawValue
        title = code.title
        status = code.status
        detail = failure.message
    }
}

/// The error a call failed with, as data that survives the trip through JSON.
public enum EngineFailure: Codable, Sendable, Hashable {
    case lake(LakeError)
    case governance(GovernanceError)
    case configuration(ConfigurationError)
    case token(TokenError)
    /// An error of another kind: only its code and words cross (see ``ProblemCode``).
    case other(code: ProblemCode, message: String)

    /// The failure `error` stands for.
    public init(_ error: any Error) {
        switch error {
        case let error as LakeError: self = .lake(error)
        case let error as GovernanceError: self = .governance(error)
        case let error as ConfigurationError: self = .configuration(error)
        case let error as TokenError: self = .token(error)
        case let problem as ProblemDetails: self = problem.failure
        case let error as RetentionError: self = .other(code: error.problemCode, message: error.description)
        case let error as StageError: self = .other(code: error.problemCode, message: error.description)
        case let error as DatasetNameError: self = .other(code: .invalidArgument, message: error.description)
        case let error as DecodingError: self = .other(code: .badRequest, message: "The request is malformed: \(error)")
        default: self = .other(code: .failed, message: String(describing: error))
        }
    }

    /// The error to throw on the client side: the engine's own when it has one.
    public var error: any Error {
        switch self {
        case .lake(let error): error
        case .governance(let error): error
        case .configuration(let error): error
        case .token(let error): error
        case .other: ProblemDetails(self)
        }
    }

    public var message: String {
        switch self {
        case .lake(let error): error.description
        case .governance(let error): error.description
        case .configuration(let error): error.description
        case .token(let error): error.description
        case .other(_, let message): message
        }
    }

    public var code: ProblemCode {
        switch self {
        case .lake(let error): error.problemCode
        case .governance(let error): error.problemCode
        case .configuration: .invalidConfiguration
        case .token(let error): error.problemCode
        case .other(let code, _): code
        }
    }
}

extension ProblemDetails: CustomStringConvertible {
    public var description: String { detail }
}
