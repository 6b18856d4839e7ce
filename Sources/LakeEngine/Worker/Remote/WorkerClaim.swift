import Catalog
import Foundation

/// What a worker on another host sends to claim a job (`POST /v1/worker/claims`): which process it is
/// and how long its lease should last without a renewal.
public struct WorkerClaimRequest: Codable, Sendable, Hashable {
    /// The worker's host and process; with the caller's token it names the lease holder.
    public var holder: LeaseHolder
    /// Seconds the lease lasts without a renewal, by the service's clock.
    public var leaseSeconds: Double

    public init(holder: LeaseHolder, leaseSeconds: Double) {
        self.holder = holder
        self.leaseSeconds = leaseSeconds
    }
}

/// The answer to a claim: the job claimed, or none when no job waits.
public struct WorkerClaimAnswer: Codable, Sendable, Hashable {
    public var claim: WorkerJobClaim?

    public init(claim: WorkerJobClaim?) {
        self.claim = claim
    }
}

/// A job a worker on another host now holds: where its objects go and where the tiers involved are
/// (never their credentials: the worker brings its own).
public struct WorkerJobClaim: Codable, Sendable, Hashable {
    public var job: Int64
    /// The holder's name in the job row and in audit events: `token:NAME@HOST:PID`.
    public var worker: String
    /// The lake's id: every tier carries it in its identity, which the worker checks before it copies.
    public var lake: String
    public var toTier: String
    /// The destination and every source tier of the job.
    public var tiers: [TierLocation]
    /// When the lease ends unless renewed, by the service's clock.
    public var leaseExpiresAt: Date
    /// A cancel asked for while no worker held the job: the holder moves nothing and releases it.
    public var control: MigrationControl?
    /// Items an earlier holder was handed and never reported (it was killed, or lost its lease): each may
    /// have a copy at the destination that no placement names. The holder deletes those copies first,
    /// keeping any whose source copy is not whole, and reports them (``WorkerReport/copiesRemoved``).
    public var unswitched: [WorkerItem]

    public init(
        job: Int64, worker: String, lake: String, toTier: String, tiers: [TierLocation], leaseExpiresAt: Date,
        control: MigrationControl?, unswitched: [WorkerItem] = []
    ) {
        self.job = job
        self.worker = worker
        self.lake = lake
        self.toTier = toTier
        self.tiers = tiers
        self.leaseExpiresAt = leaseExpiresAt
        self.control = control
        self.unswitched = unswitched
    }
}
