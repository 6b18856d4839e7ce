import Foundation
import GRDB

/// A job moving a set of objects to one tier, with its lease and live progress.
///
/// Progress lives in the row so any process (a `migrate status --watch`, the workbench) can watch it by
/// polling; the worker holding the lease writes it a few times per second at most.
public struct MigrationJob: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    /// `manual`, `policy` or `restore`.
    public var reason: String
    /// What the job moves, in words: `trial-42`, `trial-42@2`, or a lifecycle rule name.
    public var target: String
    public var toTier: String
    /// `queued`, `running`, `paused`, `done`, `failed` or `cancelled`.
    public var state: MigrationJobState
    /// A request for the running worker: `pause` or `cancel`; nil when none.
    public var control: MigrationControl?
    public var objectsTotal: Int64
    public var bytesTotal: Int64
    public var objectsDone: Int64
    /// Bytes of completed objects plus the bytes of the object being copied.
    public var bytesDone: Int64
    public var objectsFailed: Int64
    /// Current copy rate (smoothed), bytes per second.
    public var bytesPerSecond: Double
    public var etaSeconds: Double?
    /// The worker holding the lease while running.
    public var workerId: String?
    /// The process id and host of that worker (nil in rows written before `v5-ops-leaseHolder`).
    public var workerPid: Int64?
    public var workerHost: String?
    /// Lease expiry in milliseconds since 1970; a running job past it is taken over by another worker.
    public var leaseExpiresAt: Int64?
    /// How many times a worker claimed the job.
    public var attempts: Int64
    /// Why the job failed, or the last retried fault.
    public var error: String?
    /// Destination copies removed because their placement switch never committed: staged copies rolled
    /// back on pause, cancel or failure, and copies a killed worker left behind.
    public var strayCopiesRemoved: Int64
    public var createdBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var updatedAt: Date

    public init(
        id: Int64? = nil, reason: String, target: String, toTier: String, state: MigrationJobState, control: MigrationControl? = nil,
        objectsTotal: Int64, bytesTotal: Int64, objectsDone: Int64 = 0, bytesDone: Int64 = 0,
        objectsFailed: Int64 = 0, bytesPerSecond: Double = 0, etaSeconds: Double? = nil, workerId: String? = nil,
        workerPid: Int64? = nil, workerHost: String? = nil, leaseExpiresAt: Int64? = nil, attempts: Int64 = 0, error: String? = nil, strayCopiesRemoved: Int64 = 0,
        createdBy: String,
        createdAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil, updatedAt: Date
    ) {
        self.id = id
        self.reason = reason
        self.target = target
        self.toTier = toTier
        self.state = state
        self.control = control
        self.objectsTotal = objectsTotal
        self.bytesTotal = bytesTotal
        self.objectsDone = objectsDone
        self.bytesDone = bytesDone
        self.objectsFailed = objectsFailed
        self.bytesPerSecond = bytesPerSecond
        self.etaSeconds = etaSeconds
        self.workerId = workerId
        self.workerPid = workerPid
        self.workerHost = workerHost
        self.leaseExpiresAt = leaseExpiresAt
        self.attempts = attempts
        self.error = error
        self.strayCopiesRemoved = strayCopiesRemoved
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.updatedAt = updatedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let state = Column(CodingKeys.state)
        public static let control = Column(CodingKeys.control)
        public static let workerId = Column(CodingKeys.workerId)
        public static let leaseExpiresAt = Column(CodingKeys.leaseExpiresAt)
        public static let toTier = Column(CodingKeys.toTier)
    }
}

// MARK: - Persistence

extension MigrationJob: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "migrationJob"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
