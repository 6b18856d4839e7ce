import Catalog
import Foundation
import Storage

extension Lake {
    /// Appends an audit event inside the caller's write transaction, chained to the newest event.
    ///
    /// Called in the same transaction as the change it records, so a change and its audit event commit
    /// together or not at all. The append holds the chain (``CatalogTransaction/lockAuditChain()``: SQLite's
    /// write transaction, PostgreSQL's audit advisory lock) before it reads the tail, so the chain has no
    /// forks, whichever processes and hosts append at once.
    func appendAudit(
        _ tx: CatalogTransaction, role: Role, action: String, target: String, details: [String: String]
    ) throws {
        try appendAudit(tx, roleName: role.rawValue, action: action, target: target, details: details)
    }

    /// Appends an audit event recording `roleName`: `none` when the actor holds no role (someone who
    /// edited `lake.toml` by hand need not hold one).
    ///
    /// The event's hash is an HMAC-SHA256 under the audit key (``AuditSeal``), and once the transaction
    /// commits the keyed head checkpoint (``AuditHead``) moves to it. Two more events can come first:
    /// - `lake.init` when the log is empty, so every log begins with it (a catalog made on first open of a
    ///   lake folder, such as `SampleLake/`, has no other start);
    /// - `audit.keyed` when the log holds older, unkeyed events and the lake has no checkpoint yet: the
    ///   switch-over that starts the keyed chain (``switchToKeyedAudit(_:)``).
    /// In a lake made before keyed audit whose owner has not opened it since (no audit key yet), events
    /// keep the unkeyed SHA-256 chain.
    ///
    /// - Throws: ``GovernanceError/keyUnavailable(path:reason:)`` when the lake has an audit key this user
    ///   cannot read.
    func appendAudit(
        _ tx: CatalogTransaction, roleName: String, action: String, target: String, details: [String: String]
    ) throws {
        let key = try auditKeyIfPresent()
        try tx.lockAuditChain()
        try switchToKeyedAudit(tx)
        if try tx.lastAuditEvent() == nil, action != "lake.init" {
            try insertAudit(
                tx, key: key, roleName: roleName, action: "lake.init",
                target: URL(fileURLWithPath: root).lastPathComponent,
                details: ["origin": action, RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles)])
        }
        try insertAudit(tx, key: key, roleName: roleName, action: action, target: target, details: details)
    }

    /// Starts the keyed chain in a log without a checkpoint, inside the caller's write transaction: an
    /// `audit.keyed` event, the first hashed with the audit key, naming how many unkeyed events precede it
    /// and their head hash (they keep verifying by the old rule), and the roles in force. An empty log
    /// needs no switch-over: its `lake.init` is keyed.
    func switchToKeyedAudit(_ tx: CatalogTransaction) throws {
        guard let key = try auditKeyIfPresent(), try keyedStart(tx) == nil, let last = try tx.lastAuditEvent()
        else { return }
        try insertAudit(
            tx, key: key, roleName: actorRoles.min()?.rawValue ?? "none", action: "audit.keyed", target: "audit",
            details: [
                "unkeyedEvents": String(last.seq), "unkeyedHead": last.hash,
                RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles),
            ])
    }

    /// Where the keyed chain starts: the checkpoint says; without one (before the first commit of a
    /// keyed event, or after a crash between commit and checkpoint) the log does — its first event when
    /// that verifies under the key, else the first `audit.keyed` event that does. Nil when no event is keyed.
    func keyedStart(_ tx: CatalogTransaction) throws -> Int64? {
        guard let key = try auditKeyIfPresent() else { return nil }
        if let head = try readAuditHead(key: key) { return head.keyedFrom }
        return try keyedStartInLog(key: key, tx)
    }

    /// Where the keyed chain starts according to the log alone (see ``keyedStart(_:)``).
    func keyedStartInLog(key: KeyedHasher, _ tx: CatalogTransaction) throws -> Int64? {
        let seal = AuditSeal.keyed(key)
        if let first = try tx.auditEvent(seq: 1), seal.verifies(first) { return 1 }
        return try tx.auditEvents(actions: ["audit.keyed"]).first(where: seal.verifies)?.seq
    }

    /// The checkpoint, or nil when there is none.
    /// - Throws: ``GovernanceError/keyUnavailable(path:reason:)`` for one that does not verify: nobody
    ///   but the key's holders can write a valid one, so appending stops until someone looks.
    func readAuditHead(key: KeyedHasher) throws -> AuditHead? {
        do {
            return try AuditHead.read(path: auditHeadPath, key: key)
        } catch AuditHead.Problem.forged {
            throw GovernanceError.keyUnavailable(
                path: auditHeadPath, reason: "the checkpoint does not verify; run `medlake audit verify`")
        }
    }

    /// Inserts one event chained to the newest, and arranges for the checkpoint to follow it on commit.
    private func insertAudit(
        _ tx: CatalogTransaction, key: KeyedHasher?, roleName: String, action: String, target: String,
        details: [String: String]
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
        let seal: AuditSeal = key.map { .keyed($0) } ?? .unkeyed
        event.hash = seal.hash(event)
        try tx.insert(&event)
        guard let key else { return }
        let head = try readAuditHead(key: key)
        // The checkpoint moves only along the chain it covers: if the event it names is gone or changed
        // (the newest events were deleted, perhaps then re-appended), it stays, so `audit verify` reports it.
        if let head, try tx.auditEvent(seq: head.seq)?.hash != head.hash { return }
        let next = AuditHead(seq: event.seq, hash: event.hash, keyedFrom: try keyedStart(tx) ?? event.seq)
        let path = auditHeadPath
        tx.afterCommit {
            // Committed: a checkpoint that cannot be written now lags behind the log, which `audit verify`
            // accepts (a crash between commit and checkpoint does the same); the next append catches up.
            try? next.write(path: path, key: key)
        }
    }

    /// Removes the checkpoint of a log that is gone (a catalog rebuilt from the tiers starts a new log) and
    /// returns what it named — `previousLogSeq` and `previousLogHash` — for the new log's first event.
    func retireAuditHead() throws -> [String: String] {
        guard let key = try auditKeyIfPresent(), let head = try readAuditHead(key: key) else { return [:] }
        guard unlink(auditHeadPath) == 0 else {
            throw LakeError.system(operation: "unlink", path: auditHeadPath, errno: errno)
        }
        return ["previousLogSeq": String(head.seq), "previousLogHash": head.hash]
    }

    /// The keyed head checkpoint's file, in the key folder.
    var auditHeadPath: String { root + "/" + Self.keysFolderName + "/audit.head" }

    /// Audit events, oldest first, filtered by actor, action and time. A word without a dot selects itself
    /// and its family (`promotion`: `promotion.request`, `promotion.execute.failed`…; `ingest`: `ingest`);
    /// a dotted name selects that action only (`promotion.execute`), and one ending in `.` the family
    /// below it (`promotion.execute.`).
    ///
    /// Events about a restricted dataset the actor may not read come with their target, details and hashes
    /// withheld (see ``withheldAuditDetails``).
    public func auditEvents(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEvent] {
        try authorize(.read)
        let events = try catalog.read { tx in try Self.auditEvents(filter, newestFirst: false, limit: filter.limit, tx) }
        return try withholdingRestricted(events)
    }

    /// One page of the events `filter` selects (its `limit` aside), in sequence order or newest first, with
    /// their total: cut in SQL, then withheld as ``auditEvents(_:)`` withholds.
    func auditEvents(_ filter: AuditFilter, newestFirst: Bool, page: PageRequest) throws -> ListingPage<AuditEvent> {
        try authorize(.read)
        let (events, total) = try catalog.read { tx in
            (
                try tx.auditEvents(
                    actor: filter.actor, action: filter.action, since: filter.since, newestFirst: newestFirst,
                    offset: page.offset, limit: page.limit),
                try tx.auditEventCount(actor: filter.actor, action: filter.action, since: filter.since)
            )
        }
        return ListingPage(rows: try withholdingRestricted(events), offset: page.offset, total: total)
    }

    /// The events `filter` selects, in sequence order or newest first, at most `limit`.
    static func auditEvents(
        _ filter: AuditFilter, newestFirst: Bool, limit: Int?, _ tx: CatalogTransaction
    ) throws -> [AuditEvent] {
        try tx.auditEvents(
            actor: filter.actor, action: filter.action, since: filter.since, newestFirst: newestFirst, limit: limit)
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
