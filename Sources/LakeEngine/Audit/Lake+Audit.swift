import Catalog
import Foundation
import Storage

extension Lake {
    /// Appends an audit event inside the caller's write transaction, chained to the newest event.
    ///
    /// Called in the same transaction as the change it records, so a change and its audit event commit
    /// together or not at all. Writers are serialized by SQLite, so the chain has no forks.
    func appendAudit(
        _ tx: CatalogTransaction, role: Role, action: String, target: String, details: [String: String]
    ) throws {
        try appendAudit(tx, roleName: role.rawValue, action: action, target: target, details: details)
    }

    /// Appends an audit event recording `roleName`: `none` when the actor holds no role (someone who
    /// edited `lake.toml` by hand need not hold one).
    func appendAudit(
        _ tx: CatalogTransaction, roleName: String, action: String, target: String, details: [String: String]
    ) throws {
        let last = try tx.lastAuditEvent()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let detailsText = String(decoding: try encoder.encode(details), as: UTF8.self)
        var event = AuditEvent(
            seq: (last?.seq ?? 0) + 1,
            time: Int64((Date().timeIntervalSince1970 * 1000).rounded()),
            actor: actor.user, role: roleName, action: action, target: target,
            details: detailsText, prevHash: last?.hash ?? AuditEvent.genesisHash, hash: ""
        )
        event.hash = ContentHasher.digest(of: event.canonicalEncoding).hex
        try tx.insert(&event)
    }

    /// Audit events, oldest first, filtered by actor, action (exact, or a prefix ending in `.`) and time.
    ///
    /// Events about a restricted dataset the actor may not read come with their target, details and hashes
    /// withheld (see ``withheldAuditDetails``).
    public func auditEvents(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEvent] {
        try authorize(.read)
        let events = try catalog.read { tx in try Self.auditEvents(filter, newestFirst: false, limit: filter.limit, tx) }
        return try withholdingRestricted(events)
    }

    /// The events `filter` selects, in sequence order or newest first, at most `limit`.
    static func auditEvents(
        _ filter: AuditFilter, newestFirst: Bool, limit: Int?, _ tx: CatalogTransaction
    ) throws -> [AuditEvent] {
        try tx.auditEvents(
            actor: filter.actor, action: filter.action, since: filter.since, newestFirst: newestFirst, limit: limit)
    }

    /// Re-walks the whole chain and reports the first event whose sequence, back-link or hash is wrong.
    ///
    /// Detects rows altered, deleted or reordered anywhere but at the very end: dropping the newest events
    /// leaves a valid shorter chain, so keep ``AuditVerification/headHash`` somewhere outside the lake to
    /// detect that too.
    public func verifyAudit() throws -> AuditVerification {
        try authorize(.read)
        return try catalog.read { tx in
            var expectedSeq: Int64 = 1
            var previousHash = AuditEvent.genesisHash
            var count = 0
            var firstBad: AuditVerification.BadEvent?
            try tx.visitAuditEvents { event in
                let problem: String? =
                    if event.seq != expectedSeq {
                        "expected seq \(expectedSeq), found \(event.seq) (an event was deleted or reordered)"
                    } else if event.prevHash != previousHash {
                        "prevHash does not match the hash of event \(expectedSeq - 1)"
                    } else if event.hash != ContentHasher.digest(of: event.canonicalEncoding).hex {
                        "hash does not match the event's contents (the row was altered)"
                    } else {
                        nil
                    }
                if let problem {
                    firstBad = AuditVerification.BadEvent(seq: event.seq, reason: problem)
                    return false
                }
                count += 1
                expectedSeq += 1
                previousHash = event.hash
                return true
            }
            return AuditVerification(eventCount: count, headHash: previousHash, firstBad: firstBad)
        }
    }
}

/// Filters for ``Lake/auditEvents(_:)``.
public struct AuditFilter: Sendable {
    public var actor: String?
    public var action: String?
    public var since: Date?
    public var limit: Int?

    public init(actor: String? = nil, action: String? = nil, since: Date? = nil, limit: Int? = nil) {
        self.actor = actor
        self.action = action
        self.since = since
        self.limit = limit
    }
}

/// The outcome of ``Lake/verifyAudit()``.
public struct AuditVerification: Sendable, Codable, Hashable {
    /// Events that verified before the first bad one (all of them when the chain is intact).
    public var eventCount: Int
    /// Hash of the last good event: record it elsewhere to detect truncation later.
    public var headHash: String
    /// The first event that does not verify.
    public var firstBad: BadEvent?

    public struct BadEvent: Sendable, Codable, Hashable {
        public var seq: Int64
        public var reason: String
    }

    public var isIntact: Bool { firstBad == nil }
}
