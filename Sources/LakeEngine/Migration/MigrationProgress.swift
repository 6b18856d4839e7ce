import Catalog
import Foundation

/// A snapshot of one migration job for screens and `migrate status`: what moves where, how far it got,
/// how fast, and what went wrong.
///
/// Cheap to poll: it is one row of `migrationJob`, which the worker updates a few times per second at most.
public struct MigrationProgress: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// `manual`, `policy` or `restore`.
    public var reason: String
    public var target: String
    public var toTier: String
    /// `queued`, `running`, `paused`, `done`, `failed` or `cancelled`.
    public var state: MigrationJobState
    /// A pause or cancel requested but not yet carried out by the worker.
    public var pendingControl: MigrationControl?
    public var objectsDone: Int64
    public var objectsTotal: Int64
    public var objectsFailed: Int64
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var bytesPerSecond: Double
    public var etaSeconds: Double?
    public var worker: String?
    /// The process holding the lease of a running job (nil when none, or claimed before the catalog
    /// recorded it).
    public var leaseHolder: LeaseHolder?
    public var attempts: Int64
    public var error: String?
    /// Destination copies removed because their switch never committed (rolled back or left by a killed
    /// worker), so each object stays in exactly one place.
    public var strayCopiesRemoved: Int64
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Share of the bytes moved, 0…1.
    public var fraction: Double {
        bytesTotal > 0 ? min(1, Double(bytesDone) / Double(bytesTotal)) : (state == .done ? 1 : 0)
    }

    /// True once the job will not change any more on its own.
    public var isFinished: Bool { [.done, .failed, .cancelled].contains(state) }

    init(_ job: MigrationJob) {
        id = job.id ?? 0
        reason = job.reason
        target = job.target
        toTier = job.toTier
        state = job.state
        pendingControl = job.control
        objectsDone = job.objectsDone
        objectsTotal = job.objectsTotal
        objectsFailed = job.objectsFailed
        bytesDone = job.bytesDone
        bytesTotal = job.bytesTotal
        bytesPerSecond = job.bytesPerSecond
        etaSeconds = job.etaSeconds
        worker = job.workerId
        if let pid = job.workerPid, let host = job.workerHost, job.state == .running {
            leaseHolder = LeaseHolder(host: host, pid: Int32(truncatingIfNeeded: pid))
        }
        attempts = job.attempts
        error = job.error
        strayCopiesRemoved = job.strayCopiesRemoved
        createdBy = job.createdBy
        createdAt = job.createdAt
        updatedAt = job.updatedAt
    }
}
