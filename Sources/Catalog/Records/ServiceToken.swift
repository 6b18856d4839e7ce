import Foundation
import GRDB

/// A bearer token of a service account: a remote client of the lake service that acts with exactly
/// one role.
///
/// Only the SHA-256 of the secret is kept (the secret is shown once, when the token is made), so the
/// catalog never holds anything a caller could present.
public struct ServiceToken: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// The token's name, unique in the lake; audit events of its calls name it.
    public var name: String
    /// The one role the token holds (a `Role` raw value).
    public var role: String
    /// SHA-256 of the secret, 64 lowercase hexadecimal digits.
    public var secretHash: String
    public var createdBy: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedBy: String?
    public var revokedAt: Date?

    public init(name: String, role: String, secretHash: String, createdBy: String, createdAt: Date, expiresAt: Date) {
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let secretHash = Column(CodingKeys.secretHash)
    }
}

// MARK: - Persistence

extension ServiceToken: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "serviceToken"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
