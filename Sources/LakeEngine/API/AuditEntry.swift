import Catalog
import Foundation

/// One event of the audit log, as the API shows it.
public struct AuditEntry: Codable, Sendable, Hashable {
    /// Position in the chain, from 1.
    public var seq: Int64
    public var time: Date
    /// The Unix user who acted.
    public var actor: String
    /// The role the action was allowed under; nil when the actor held none (a hand edit of `lake.toml`).
    public var role: Role?
    /// `ingest`, `flag.add`…
    public var action: String
    public var target: String
    public var details: [String: String]
    /// True when the event concerns a restricted dataset the caller may not read: target, details and
    /// hashes are withheld.
    public var withheld: Bool
    public var prevHash: String
    public var hash: String
}

/// What ``AuditOperations/auditEntries(_:)`` lists.
public struct AuditQuery: Codable, Sendable, Hashable {
    public var actor: String?
    /// An action, or a prefix ending in `.` (`flag.`).
    public var action: String?
    public var since: Date?
    /// Oldest first unless set.
    public var newestFirst: Bool
    public var page: PageRequest

    public init(
        actor: String? = nil, action: String? = nil, since: Date? = nil, newestFirst: Bool = false,
        page: PageRequest = .first
    ) {
        self.actor = actor
        self.action = action
        self.since = since
        self.newestFirst = newestFirst
        self.page = page
    }
}

// MARK: - From the catalog

extension AuditEntry {
    init(_ event: AuditEvent) {
        let withheld = event.details == Lake.withheldAuditDetails && event.hash.isEmpty
        // Details are canonical JSON of strings; anything else (never written today) is kept as one value.
        let details = (try? JSONDecoder().decode([String: String].self, from: Data(event.details.utf8)))
            ?? ["text": event.details]
        self.init(
            seq: event.seq, time: Date(timeIntervalSince1970: Double(event.time) / 1000), actor: event.actor,
            role: Role(rawValue: event.role), action: event.action, target: event.target, details: details,
            withheld: withheld, prevHash: event.prevHash, hash: event.hash)
    }
}
