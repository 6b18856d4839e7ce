import Catalog
import Foundation

/// An access grant as the API shows it: who may do what with which dataset, until when.
public struct GrantOverview: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The Unix user granted access.
    public var user: String
    public var dataset: String
    public var scope: GrantScope
    public var status: GrantStatus
    public var expiresAt: Date
    public var grantedBy: String
    public var reason: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var revokedBy: String?
}

/// Whether a grant is in force now.
public enum GrantStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case active
    case expired
    case revoked
}

extension GrantStatus {
    /// Where `grant` stands at `now`: a revoked grant stays revoked; one past its expiry is expired.
    init(_ grant: AccessGrant, at now: Date) {
        self = grant.revokedAt != nil ? .revoked : grant.expiresAt <= now ? .expired : .active
    }
}

/// What ``AccessOperations/grants(_:)`` lists.
public struct GrantQuery: Codable, Sendable, Hashable {
    /// Expired and revoked grants too, not only live ones.
    public var all: Bool
    public var page: PageRequest

    public init(all: Bool = false, page: PageRequest = .first) {
        self.all = all
        self.page = page
    }
}

/// A grant to give (``AccessOperations/grantAccess(_:)``).
public struct NewGrant: Codable, Sendable, Hashable {
    public var user: String
    public var dataset: String
    public var scope: GrantScope
    /// How long the grant lasts, in seconds (at most ``GrantDuration/maximum``).
    public var lifetime: TimeInterval
    /// Why the access is needed (audited).
    public var reason: String

    public init(user: String, dataset: String, scope: GrantScope, lifetime: TimeInterval, reason: String) {
        self.user = user
        self.dataset = dataset
        self.scope = scope
        self.lifetime = lifetime
        self.reason = reason
    }
}

// MARK: - From the catalog

extension GrantOverview {
    /// The API form of `grant` on `dataset`, its status as of `now`. A scope this version does not know
    /// (written by a newer one) reads as `read`, the narrowest.
    init(_ grant: AccessGrant, dataset: String, now: Date = Date()) {
        self.init(
            id: grant.id ?? 0, user: grant.principal, dataset: dataset,
            scope: GrantScope(rawValue: grant.scope) ?? .read, status: GrantStatus(grant, at: now),
            expiresAt: grant.expiresAt, grantedBy: grant.grantedBy, reason: grant.reason, createdAt: grant.createdAt,
            revokedAt: grant.revokedAt, revokedBy: grant.revokedBy)
    }
}
