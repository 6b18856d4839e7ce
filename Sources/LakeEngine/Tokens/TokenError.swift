/// A bearer token that does not let its caller in, or a token that cannot be made.
///
/// The authentication cases all answer `401 invalidToken`: a caller learns that its token failed and why
/// (expired, revoked), never anything about other tokens.
public enum TokenError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A request over TCP without `Authorization: Bearer …`.
    case missing
    /// The `Authorization` header is not a bearer token of this lake's form.
    case malformed
    /// No token has this secret (never made, or mistyped).
    case unknown
    case expired(name: String)
    case revoked(name: String)
    /// A token of that name exists already (revoked ones too: names are never reused, so audit events
    /// keep naming one token).
    case nameTaken(name: String)
    /// A name outside `[A-Za-z0-9._-]`, empty, longer than 64 characters or not starting with a letter or
    /// digit.
    case invalidName(name: String)
    /// A lifetime of 0 seconds or more than ``NewToken/maximumLifetime``.
    case invalidLifetime(seconds: Int)

    public var description: String {
        switch self {
        case .missing: "this connection needs a bearer token (Authorization: Bearer …); see `medlake token create`"
        case .malformed: "the Authorization header is not a medlake bearer token"
        case .unknown: "the bearer token is not known to this lake"
        case .expired(let name): "token \(name) has expired; ask an admin for a new one (`medlake token create`)"
        case .revoked(let name): "token \(name) was revoked"
        case .nameTaken(let name): "a token named \(name) exists already (names are never reused)"
        case .invalidName(let name):
            "'\(name)' is not a token name: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        case .invalidLifetime(let seconds):
            "a token lives more than 0 seconds and at most 365 days, not \(seconds) seconds"
        }
    }

    /// True for the failures of a presented token (answered 401), false for those of making one.
    public var isAuthenticationFailure: Bool {
        switch self {
        case .missing, .malformed, .unknown, .expired, .revoked: true
        case .nameTaken, .invalidName, .invalidLifetime: false
        }
    }
}
