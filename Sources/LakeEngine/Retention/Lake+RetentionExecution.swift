import Catalog
import Foundation
import Storage

extension Lake {
    /// Removes the bytes of the objects an approved deletion request marked deleted, through each object's
    /// tier backend (folder or bucket). Needs operator (who runs tiers), curator or admin (who approve); a
    /// rerun removes what an earlier run (killed, or failing on a tier) left, and marks the request `done`
    /// once nothing is left.
    ///
    /// The catalog already says `deleted`, with a tombstone, before any byte goes: a crash between the
    /// two leaves bytes nobody references (this rerun's job), never a catalog entry without its bytes
    /// and without its tombstone.
    @discardableResult
    public func executeRetention(id: Int64) async throws -> RetentionRequestSummary {
        let role = try (try? authorize(.migrate)) ?? authorize(.curate)
        let (request, leftovers) = try await catalog.read { tx in
            (try fetchRetentionRequest(id, tx), try tx.tombstonesLeftWithTiers(requestId: id))
        }
        guard request.state == .deleting || request.state == .done else {
            throw RetentionError.wrongState(request: id, state: request.state, expected: [.deleting])
        }
        var removed: [Int64] = []
        var failure: String?
        for leftover in leftovers {
            guard let digest = ObjectDigest(hex: leftover.sha256) else { continue }
            do {
                try await backend(named: leftover.tier).delete(digest)
                removed.append(leftover.id)
            } catch {
                failure = "object \(leftover.sha256.prefix(12)) in tier '\(leftover.tier)': \(error)"
                break
            }
        }
        let finished = removed
        let stop = failure
        try await catalog.write { tx in
            try tx.markBytesRemoved(tombstoneIds: finished)
            var request = try fetchRetentionRequest(id, tx)
            request.error = stop
            if stop == nil, request.state == .deleting {
                request.state = .done
                try appendAudit(
                    tx, role: role, action: "retention.execute", target: "deletion \(id)",
                    details: ["request": String(id), "removed": String(finished.count)])
            }
            request.updatedAt = Date()
            try tx.update(request)
        }
        if let failure { throw RetentionError.executionFailed(request: id, reason: failure) }
        return try retentionRequest(id: id)
    }
}
