import Catalog
import Foundation

/// A migration job between tiers, as the API shows it: what moves where and how far it got.
public struct MigrationJobOverview: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var reason: MigrationReason
    /// What the job moves, in words (`dataset ct`, `rule cold-after-90d`).
    public var target: String
    public var toTier: String
    public var state: MigrationJobState
    /// A pause or cancel asked for but not yet carried out by the worker.
    public var pendingControl: MigrationControl?
    public var objectsDone: Int64
    public var objectsTotal: Int64
    public var objectsFailed: Int64
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var bytesPerSecond: Double
    public var etaSeconds: Double?
    public var worker: String?
    /// The host and process holding the job's lease while it runs.
    public var leaseHolder: LeaseHolder?
    public var attempts: Int64
    public var error: String?
    public var strayCopiesRemoved: Int64
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
}

/// Why a migration job exists.
public enum MigrationReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// `medlake migrate start`.
    case manual
    /// A lifecycle rule.
    case policy
    /// `medlake restore`.
    case restore
}

/// What ``TierOperations/migrationJobs(_:)`` lists.
public struct MigrationJobQuery: Codable, Sendable, Hashable {
    public var state: MigrationJobState?
    public var page: PageRequest

    public init(state: MigrationJobState? = nil, page: PageRequest = .first) {
        self.state = state
        self.page = page
    }
}

// MARK: - From the engine

extension MigrationJobOverview {
    /// The API form of `job`; a state, reason or control this version does not know (written by a newer
    /// one) reads as `failed`, `manual` and none, so nothing unknown looks like progress.
    public init(_ job: MigrationProgress) {
        self.init(
            id: job.id, reason: MigrationReason(rawValue: job.reason) ?? .manual, target: job.target,
            toTier: job.toTier, state: job.state, pendingControl: job.pendingControl, objectsDone: job.objectsDone,
            objectsTotal: job.objectsTotal, objectsFailed: job.objectsFailed, bytesDone: job.bytesDone,
            bytesTotal: job.bytesTotal, bytesPerSecond: job.bytesPerSecond, etaSeconds: job.etaSeconds,
            worker: job.worker, leaseHolder: job.leaseHolder, attempts: job.attempts, error: job.error, strayCopiesRemoved: job.strayCopiesRemoved,
            createdBy: job.createdBy, createdAt: job.createdAt, updatedAt: job.updatedAt)
    }
}
