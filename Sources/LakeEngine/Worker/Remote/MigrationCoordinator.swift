/// What a worker that does not open the catalog needs from the lake: claim a job, get its next items,
/// keep its lease, report what it moved (the coordinator switches the placements) and give the job back.
///
/// ``Lake`` is one (in-process, for tests and a worker beside the catalog); `LakeClient` is the other,
/// calling the lake service over HTTPS with a token. ``RemoteMigrationWorker`` runs against either, so
/// the rules (a lease by the coordinator's clock, a switch only for the holder and for the catalog's
/// SHA-256 and size) live in one place: the engine.
///
/// Every call but ``claimJob(_:)`` names the job and the holder; a holder that no longer holds the job
/// gets ``LakeError/jobState(id:state:action:)`` (`409 conflict` over HTTP) and must stop touching it.
public protocol MigrationCoordinator: Sendable {
    /// Claims the oldest queued job, or a running one whose lease expired; nil when none waits.
    func claimJob(_ request: WorkerClaimRequest) async throws -> WorkerClaimAnswer
    /// Hands out up to `request.limit` items of job `job` still to move, and renews the lease.
    func nextItems(job: Int64, _ request: WorkerItemsRequest) async throws -> [WorkerItem]
    /// Extends the lease on job `job` and says whether an operator asked for a pause or cancel.
    func renewLease(job: Int64, _ renewal: WorkerLeaseRenewal) async throws -> WorkerLease
    /// Switches the placements of the moved objects and records failures and removed sources.
    func report(job: Int64, _ report: WorkerReport) async throws -> WorkerReportAnswer
    /// Ends the holder's run of job `job`: done, queued again, paused, cancelled or failed.
    func releaseJob(job: Int64, _ release: WorkerRelease) async throws -> MigrationJobOverview
}
