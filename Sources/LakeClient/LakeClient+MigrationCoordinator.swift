import LakeEngine

/// Each ``MigrationCoordinator`` call as its route under `/v1/worker` (the service's
/// `LakeServer+WorkerRoutes.swift` lists the same): a ``RemoteMigrationWorker`` on another host runs
/// against the lake service through this client, with an operator's token.
extension LakeClient: MigrationCoordinator {
    public func claimJob(_ request: WorkerClaimRequest) async throws -> WorkerClaimAnswer {
        try await post("worker/claims", request)
    }

    public func nextItems(job: Int64, _ request: WorkerItemsRequest) async throws -> [WorkerItem] {
        try await post("worker/jobs/\(job)/items", request)
    }

    public func renewLease(job: Int64, _ renewal: WorkerLeaseRenewal) async throws -> WorkerLease {
        try await post("worker/jobs/\(job)/lease", renewal)
    }

    public func report(job: Int64, _ report: WorkerReport) async throws -> WorkerReportAnswer {
        try await post("worker/jobs/\(job)/reports", report)
    }

    public func releaseJob(job: Int64, _ release: WorkerRelease) async throws -> MigrationJobOverview {
        try await post("worker/jobs/\(job)/release", release)
    }
}

// MARK: - RemoteTransportError

/// A service that cannot be reached or answers nonsense ends a remote worker rather than failing its job.
extension LakeClientError: RemoteTransportError {}
