import Catalog
import Foundation
import Storage

extension Lake {
    /// Re-walks the whole audit log, checks it against the keyed head checkpoint, and checks that grants
    /// and roles in force have their audit events.
    ///
    /// Reports, naming the sequence number:
    /// - an event whose sequence, back-link or hash is wrong: a row edited, deleted or reordered, or the
    ///   log re-chained by someone without the audit key (keyed hashes cannot be recomputed without it);
    /// - a log that does not begin with `lake.init`;
    /// - a log shorter than the checkpoint (its newest events deleted), or whose event at the checkpoint's
    ///   sequence is another one (truncated, then appended to);
    /// and, as ``AuditVerification/unaudited``, a grant row without its `grant.create` event (or active
    /// after its `grant.revoke`), and roles that differ from those the newest role event recorded
    /// (`lake.toml` or `lake.local.toml` edited behind `medlake roles`).
    ///
    /// A log longer than the checkpoint verifies: the checkpoint is written just after each commit, so a
    /// crash in between leaves it one append behind until the next.
    ///
    /// - Throws: ``GovernanceError/keyUnavailable(path:reason:)`` when the lake has an audit key this
    ///   user cannot read: only the key's holders can tell a keyed hash from a forged one.
    public func verifyAudit() throws -> AuditVerification {
        try authorize(.read)
        let seal = try auditChainSeal()
        let roles = RoleSnapshot.text(configuration.roles)
        return try catalog.read { tx in
            var result = try verifyChain(tx, seal)
            result.unaudited = try unauditedRoles(tx, current: roles) + unauditedGrants(tx)
            return result
        }
    }

    /// What checks the chain: the audit key (nil in a lake from before keyed audit) and the keyed head
    /// checkpoint, read once before the catalog transaction.
    struct AuditChainSeal {
        var key: KeyedHasher?
        var checkpoint: AuditHead?
        var forgedCheckpoint: Bool
    }

    /// Reads the audit key and the head checkpoint (``verifyChain(_:_:)`` needs both).
    func auditChainSeal() throws -> AuditChainSeal {
        let key = try auditKeyIfPresent()
        var seal = AuditChainSeal(key: key, checkpoint: nil, forgedCheckpoint: false)
        if let key {
            do {
                seal.checkpoint = try AuditHead.read(path: auditHeadPath, key: key)
            } catch AuditHead.Problem.forged {
                seal.forgedCheckpoint = true
            }
        }
        return seal
    }

    /// The keyed chain of the log `tx` sees, walked and compared with the checkpoint: ``verifyAudit()``
    /// without the roles and grants, for any catalog transaction (a catalog copy checks its copy with it
    /// before the copy commits).
    func verifyChain(_ tx: CatalogTransaction, _ seal: AuditChainSeal) throws -> AuditVerification {
        let keyedFrom = try seal.key.flatMap { key in try seal.checkpoint?.keyedFrom ?? keyedStartInLog(key: key, tx) }
        var result = try walkChain(tx, key: seal.key, keyedFrom: keyedFrom)
        result.checkpointSeq = seal.checkpoint?.seq
        result.keyedFrom = keyedFrom
        if result.firstBad == nil {
            result.firstBad = try compare(
                tx, checkpoint: seal.checkpoint, forged: seal.forgedCheckpoint, keyed: keyedFrom != nil,
                eventCount: result.eventCount)
        }
        return result
    }

    // MARK: - The chain

    private func walkChain(_ tx: CatalogTransaction, key: KeyedHasher?, keyedFrom: Int64?) throws -> AuditVerification {
        var expectedSeq: Int64 = 1
        var previousHash = AuditEvent.genesisHash
        var count = 0
        var firstBad: AuditVerification.BadEvent?
        try tx.visitAuditEvents { event in
            let keyed = keyedFrom.map { event.seq >= $0 } ?? false
            let seal: AuditSeal = keyed ? key.map { .keyed($0) } ?? .unkeyed : .unkeyed
            let problem: String? =
                if event.seq != expectedSeq {
                    "expected seq \(expectedSeq), found \(event.seq) (an event was deleted or reordered)"
                } else if event.seq == 1, event.action != "lake.init" {
                    "the log does not begin with lake.init (found \(event.action))"
                } else if event.prevHash != previousHash {
                    "prevHash does not match the hash of event \(expectedSeq - 1)"
                } else if !seal.verifies(event) {
                    keyed
                        ? "hash does not match the event's contents under the audit key (the row was altered, "
                            + "or the log re-chained without the key)"
                        : "hash does not match the event's contents (the row was altered)"
                } else if keyed, event.seq == keyedFrom, event.seq > 1, event.action != "audit.keyed" {
                    "the keyed chain starts here without the audit.keyed switch-over event"
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
        return AuditVerification(eventCount: count, headHash: previousHash, firstBad: firstBad, unaudited: [])
    }

    /// The disagreement between an intact chain of `eventCount` events and the checkpoint, if any.
    private func compare(
        _ tx: CatalogTransaction, checkpoint: AuditHead?, forged: Bool, keyed: Bool, eventCount: Int
    ) throws -> AuditVerification.BadEvent? {
        if forged {
            return AuditVerification.BadEvent(
                seq: Int64(eventCount), reason: "the keyed head checkpoint (keys/audit.head) does not verify")
        }
        guard let checkpoint else {
            // A keyed lake always has a checkpoint once an event committed (short of a crash just after
            // the first commit, which the next append repairs).
            guard keyed, eventCount > 0 else { return nil }
            return AuditVerification.BadEvent(
                seq: Int64(eventCount), reason: "the keyed head checkpoint (keys/audit.head) is missing")
        }
        if Int64(eventCount) < checkpoint.seq {
            return AuditVerification.BadEvent(
                seq: Int64(eventCount) + 1,
                reason: "the keyed checkpoint names event \(checkpoint.seq) but the log ends at \(eventCount) "
                    + "(the newest events were deleted)")
        }
        if try tx.auditEvent(seq: checkpoint.seq)?.hash != checkpoint.hash {
            return AuditVerification.BadEvent(
                seq: checkpoint.seq,
                reason: "event \(checkpoint.seq) is not the one the keyed checkpoint recorded (the log was "
                    + "truncated and appended to)")
        }
        return nil
    }

    // MARK: - Roles and grants

    /// Roles in force that differ from the newest event recording them.
    private func unauditedRoles(
        _ tx: CatalogTransaction, current: String
    ) throws -> [AuditVerification.UnauditedChange] {
        let recorded = try tx.auditEvents(actions: RoleSnapshot.recordingActions)
            .last { $0.detailValues[RoleSnapshot.detailKey] != nil }
        guard let recorded, let roles = recorded.detailValues[RoleSnapshot.detailKey], roles != current else {
            return []
        }
        return [AuditVerification.UnauditedChange(
            kind: .roles, seq: recorded.seq,
            reason: "roles in force (\(current)) differ from those event \(recorded.seq) recorded (\(roles)): "
                + "lake.toml or lake.local.toml was edited without `medlake roles`")]
    }

    /// Grant rows that no `grant.create` event made as they stand, or active after their `grant.revoke`.
    private func unauditedGrants(_ tx: CatalogTransaction) throws -> [AuditVerification.UnauditedChange] {
        var created: [String: AuditEvent] = [:]
        var revoked: [String: AuditEvent] = [:]
        for event in try tx.auditEvents(actions: ["grant.create", "grant.revoke"]) {
            guard let id = event.detailValues["grant"] else { continue }
            if event.action == "grant.create" { created[id] = event } else { revoked[id] = event }
        }
        var problems: [AuditVerification.UnauditedChange] = []
        for (grant, dataset, _) in try tx.grantsWithDatasets().reversed() {
            let id = String(grant.id ?? 0)
            guard let event = created[id] else {
                problems.append(AuditVerification.UnauditedChange(
                    kind: .grant, seq: nil,
                    reason: "grant \(id) (\(grant.scope) on \(dataset) for \(grant.principal)) "
                        + "has no grant.create event"))
                continue
            }
            let facts = event.detailValues
            if facts["user"] != grant.principal || facts["scope"] != grant.scope.rawValue || event.target != dataset
                || facts["expires"] != Manifest.timestamp(grant.expiresAt)
            {
                problems.append(AuditVerification.UnauditedChange(
                    kind: .grant, seq: event.seq,
                    reason: "grant \(id) differs from what event \(event.seq) granted "
                        + "(user, scope, dataset or expiry)"))
            } else if grant.revokedAt == nil, let revoke = revoked[id] {
                problems.append(AuditVerification.UnauditedChange(
                    kind: .grant, seq: revoke.seq,
                    reason: "grant \(id) is active although event \(revoke.seq) revoked it"))
            }
        }
        return problems
    }
}
