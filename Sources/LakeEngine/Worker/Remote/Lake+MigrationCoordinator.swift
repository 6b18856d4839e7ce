import Catalog
import Foundation
import Storage

/// The coordinator side of remote workers, run by the lake service for each worker's call as the
/// worker's token (``Lake/acting(as:)``): every call needs the migrate permission (operators, admins),
/// every lease is by the catalog's lease clock (this process's on SQLite, the server's on PostgreSQL),
/// and every change is conditioned on the caller still holding the job, in the transaction that makes it.
///
/// The holder of a job is named `CALLER@HOST:PID` (`token:NAME@node-3:4242`): the token is part of the
/// name, so another token cannot act for a holder whatever host and pid it sends.
extension Lake: MigrationCoordinator {
    /// The longest lease a worker may ask for: a dead worker's job waits at most this long.
    static let longestRemoteLease = 3600.0
    /// The most items handed out at once.
    static let largestItemBatch = 1000

    public func claimJob(_ request: WorkerClaimRequest) throws -> WorkerClaimAnswer {
        let role = try authorize(.migrate)
        let worker = try holderName(request.holder)
        try checkLease(request.leaseSeconds)
        guard
            let job = try claimNextJob(
                worker: worker, holder: request.holder, leaseDuration: request.leaseSeconds, role: role),
            let id = job.id
        else { return WorkerClaimAnswer(claim: nil) }
        do {
            let (sources, publishing) = try catalog.read { tx in
                (try tx.sourceTiers(jobId: id), try tx.publishingItems(jobId: id))
            }
            let tiers = try Set(sources + [job.toTier]).sorted().map { try TierLocation(name: $0, of: self) }
            let expiry = Date(timeIntervalSince1970: Double(job.leaseExpiresAt ?? 0) / 1000)
            // An earlier holder's copies that no placement names: the new holder removes them first.
            let unswitched = publishing.filter { $0.object.tier != job.toTier }.map { row in
                WorkerItem(item: row.itemId, sha256: row.object.sha256, size: row.object.size, fromTier: row.object.tier)
            }
            return WorkerClaimAnswer(
                claim: WorkerJobClaim(
                    job: id, worker: worker, lake: self.id, toTier: job.toTier, tiers: tiers, leaseExpiresAt: expiry,
                    control: job.control, unswitched: unswitched))
        } catch {
            // A tier the configuration no longer names: the job cannot run anywhere until it is fixed.
            try catalog.write { tx in
                _ = try endRun(tx, jobId: id, worker: worker, role: role, failure: "\(error)", sourcesRemoved: [])
            }
            throw error
        }
    }

    public func nextItems(job id: Int64, _ request: WorkerItemsRequest) throws -> [WorkerItem] {
        try authorize(.migrate)
        let worker = try holderName(request.holder)
        guard (1...Self.largestItemBatch).contains(request.limit) else {
            throw LakeError.invalidArgument("Please ask for 1 to \(Self.largestItemBatch) items at a time.")
        }
        return try catalog.write { tx in
            let job = try heldJob(tx, id: id, worker: worker, action: "handed out")
            var items: [WorkerItem] = []
            var alreadyThere: [(item: MigrationItem, object: CatalogObject)] = []
            for (item, object) in try tx.itemsToMove(jobId: id, limit: request.limit) {
                guard let itemId = item.id else { continue }
                guard let object, ObjectDigest(hex: object.sha256) != nil else {
                    try tx.recordItemFailure(
                        itemId: itemId, jobId: id, worker: worker,
                        reason: "the object row is missing or its SHA-256 is malformed", at: Date())
                    continue
                }
                if object.tier == job.toTier {
                    alreadyThere.append((item, object))
                } else {
                    items.append(WorkerItem(item: itemId, sha256: object.sha256, size: object.size, fromTier: object.tier))
                }
            }
            // Objects another job already put in the destination: nothing to copy or delete.
            try tx.switchPlacements(alreadyThere.map { ($0.item.id, $0.object.id, true) }, to: job.toTier)
            try tx.markPublishing(itemIds: items.map(\.item))
            return items
        }
    }

    public func renewLease(job id: Int64, _ renewal: WorkerLeaseRenewal) throws -> WorkerLease {
        try authorize(.migrate)
        let worker = try holderName(renewal.holder)
        try checkLease(renewal.leaseSeconds)
        return try catalog.write { tx in
            let job = try heldJob(tx, id: id, worker: worker, action: "renewed")
            let tally = try tx.itemTally(jobId: id)
            guard
                let expiry = try tx.renewLease(
                    jobId: id, worker: worker, leaseSeconds: renewal.leaseSeconds, objectsDone: tally.done,
                    bytesDone: tally.bytesDone + max(0, renewal.bytesInFlight), bytesPerSecond: 0, etaSeconds: nil,
                    at: Date())
            else {
                // Found held above in this same transaction, so not expected; it would mean the lease is lost.
                throw LakeError.jobState(
                    id: id, state: job.state, action: "renewed by \(worker), which does not hold its lease")
            }
            let control = try tx.jobControl(id: id).flatMap(MigrationControl.init(rawValue:))
            return WorkerLease(leaseExpiresAt: Date(timeIntervalSince1970: Double(expiry) / 1000), control: control)
        }
    }

    /// Checks and applies a holder's report in one transaction: a report with one entry that does not
    /// hold (an item not handed out, a SHA-256 or size that is not the catalog's) changes nothing at all.
    public func report(job id: Int64, _ report: WorkerReport) throws -> WorkerReportAnswer {
        let role = try authorize(.migrate)
        let worker = try holderName(report.holder)
        return try catalog.write { tx in
            let job = try heldJob(tx, id: id, worker: worker, action: "reported on")
            var moved: [(item: MigrationItem, object: CatalogObject)] = []
            for entry in report.moved {
                let (item, object) = try handedOut(tx, item: entry.item, jobId: id, state: .publishing)
                guard entry.sha256.lowercased() == object.sha256, entry.size == object.size else {
                    throw LakeError.invalidArgument(
                        "Item \(entry.item) of migration job \(id): the copy's SHA-256 and size are not the catalog's "
                            + "(\(object.size) bytes); its placement stays in tier '\(object.tier)'.")
                }
                moved.append((item, object))
            }
            for failure in report.failed {
                _ = try handedOut(tx, item: failure.item, jobId: id, state: .publishing)
                try tx.recordItemFailure(
                    itemId: failure.item, jobId: id, worker: worker, reason: String(failure.reason.prefix(1000)), at: Date())
            }
            for itemId in report.sourcesRemoved {
                _ = try handedOut(tx, item: itemId, jobId: id, state: .done)
            }
            var strays: [String] = []
            guard Set(report.copiesRemoved).isDisjoint(with: report.moved.map(\.item)) else {
                throw LakeError.invalidArgument(
                    "Please report an item of migration job \(id) either as moved or as a copy removed, not both.")
            }
            for itemId in report.copiesRemoved {
                strays.append(try handedOut(tx, item: itemId, jobId: id, state: .publishing).object.sha256)
            }
            try tx.switchPlacements(moved.map { ($0.item.id, $0.object.id, false) }, to: job.toTier)
            try appendPlacementEvents(
                tx, role: role, jobId: id, toTier: job.toTier, worker: worker, moved: moved.map(\.object))
            try tx.markSourceRemoved(itemIds: report.sourcesRemoved)
            if !strays.isEmpty {
                // As the local worker's sweep does (``JobRun/removeUnswitchedCopies(at:rolledBack:)``).
                try tx.resetPublishing(itemIds: report.copiesRemoved)
                try tx.addStrayCopiesRemoved(Int64(strays.count), jobId: id)
                try appendAudit(
                    tx, role: role, action: "migration.cleanup", target: "job \(id)",
                    details: [
                        "tier": job.toTier, "worker": worker, "stagedFilesRemoved": "0",
                        "unswitchedObjectsRemoved": strays.joined(separator: ","),
                    ])
            }
            return WorkerReportAnswer(switched: moved.count)
        }
    }

    public func releaseJob(job id: Int64, _ release: WorkerRelease) throws -> MigrationJobOverview {
        let role = try authorize(.migrate)
        let worker = try holderName(release.holder)
        try catalog.write { tx in
            _ = try heldJob(tx, id: id, worker: worker, action: "released")
            // The holder reported every copy it finished; what it was handed and did not finish moves again.
            try tx.resetPublishing(itemIds: try tx.publishingItems(jobId: id).map(\.itemId))
            _ = try endRun(
                tx, jobId: id, worker: worker, role: role, failure: release.failure.map { String($0.prefix(1000)) },
                sourcesRemoved: [])
        }
        return MigrationJobOverview(try migrationJob(id: id))
    }

    // MARK: - Checks

    /// `CALLER@HOST:PID`, refusing a host that is not a plain host name (it reaches screens and logs).
    private func holderName(_ holder: LeaseHolder) throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
        guard (1...253).contains(holder.host.count), holder.host.allSatisfy(allowed.contains), holder.pid > 0 else {
            throw LakeError.invalidArgument(
                "Please name the worker's host with letters, digits, '.', '-' or '_' and give a positive pid.")
        }
        return "\(actor.user)@\(holder.host):\(holder.pid)"
    }

    private func checkLease(_ seconds: Double) throws {
        guard seconds >= 1, seconds <= Self.longestRemoteLease else {
            throw LakeError.invalidArgument(
                "Please ask for a lease of 1 to \(Int(Self.longestRemoteLease)) seconds.")
        }
    }

    /// Job `id` while `worker` holds it.
    /// - Throws: ``LakeError/notFound(kind:id:)``; ``LakeError/jobState(id:state:action:)`` (a conflict) when
    ///   another worker took it over or it ended.
    private func heldJob(_ tx: CatalogTransaction, id: Int64, worker: String, action: String) throws -> MigrationJob {
        if let job = try tx.runningJob(id: id, worker: worker) { return job }
        guard let job = try tx.migrationJob(id: id) else { throw LakeError.notFound(kind: "migration job", id: String(id)) }
        throw LakeError.jobState(id: id, state: job.state, action: "\(action) by \(worker), which does not hold its lease")
    }

    /// Item `itemId` of job `jobId` with its object, in `state`.
    private func handedOut(
        _ tx: CatalogTransaction, item itemId: Int64, jobId: Int64, state: MigrationItem.State
    ) throws -> (item: MigrationItem, object: CatalogObject) {
        guard let found = try tx.migrationItem(id: itemId, jobId: jobId) else {
            throw LakeError.notFound(kind: "item of migration job \(jobId)", id: String(itemId))
        }
        guard found.item.state == state else {
            throw LakeError.invalidArgument(
                "Item \(itemId) of migration job \(jobId) is \(found.item.state.rawValue), not \(state.rawValue).")
        }
        return found
    }
}
