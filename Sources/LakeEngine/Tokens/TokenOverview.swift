import Catalog
import Foundation

/// A service account's bearer token as the API lists it: never its secret (nor the secret's hash).
public struct TokenOverview: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        case active
        case expired
        case revoked
    }

    public var name: String
    public var role: Role
    public var state: State
    public var createdBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedBy: String?
    public var revokedAt: Date?

    /// The overview of `token` as of `now`.
    init(_ token: ServiceToken, role: Role, now: Date) {
        name = token.name
        self.role = role
        state = token.revokedAt != nil ? .revoked : token.expiresAt <= now ? .expired : .active
        createdBy = token.createdBy
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedBy = token.revokedBy
        revokedAt = token.revokedAt
    }
}
