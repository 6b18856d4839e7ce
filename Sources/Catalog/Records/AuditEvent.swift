import Foundation
import GRDB

/// One entry of the append-only, hash-chained audit log.
public struct AuditEvent: Codable, Hashable, Sendable {
    /// Position in the chain, from 1.
    public var seq: Int64
    /// Milliseconds since 1970 (UTC).
    public var time: Int64
    /// The OS user who acted.
    public var actor: String
    /// The role the action was allowed under.
    public var role: String
    /// `ingest`, `flag.add`…
    public var action: String
    public var target: String
    /// Canonical JSON with sorted keys.
    public var details: String
    /// `hash` of the previous event (64 zeros for the first).
    public var prevHash: String
    /// SHA-256 over `prevHash` and the canonical encoding.
    public var hash: String

    public init(
        seq: Int64, time: Int64, actor: String, role: String, action: String, target: String, details: String,
        prevHash: String, hash: String
    ) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
    }

    public enum Columns {
        public static let seq = Column(CodingKeys.seq)
        public static let time = Column(CodingKeys.time)
        public static let actor = Column(CodingKeys.actor)
        public static let role = Column(CodingKeys.role)
        public static let action = Column(CodingKeys.action)
        public static let target = Column(CodingKeys.target)
        public static let details = Column(CodingKeys.details)
        public static let prevHash = Column(CodingKeys.prevHash)
        public static let hash = Column(CodingKeys.hash)
    }
}

// MARK: - Persistence

extension AuditEvent: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "auditEvent"
}
