import Catalog
import Foundation

/// A holder's lease renewal (`POST /v1/worker/jobs/{id}/lease`), with the bytes it copied so far.
public struct WorkerLeaseRenewal: Codable, Sendable, Hashable {
    public var holder: LeaseHolder
    public var leaseSeconds: Double
    /// Bytes this holder copied of objects not yet reported, for the job's progress.
    public var bytesInFlight: Int64

    public init(holder: LeaseHolder, leaseSeconds: Double, bytesInFlight: Int64) {
        self.holder = holder
        self.leaseSeconds = leaseSeconds
        self.bytesInFlight = bytesInFlight
    }
}

/// The renewed lease, and a pause or cancel an operator asked for.
public struct WorkerLease: Codable, Sendable, Hashable {
    public var leaseExpiresAt: Date
    public var control: MigrationControl?

    public init(leaseExpiresAt: Date, control: MigrationControl?) {
        self.leaseExpiresAt = leaseExpiresAt
        self.control = control
    }
}
