import LakeEngine

/// `medlake fsck` through the service: the service checks the lake as its own account and answers with
/// the report (admins only).
extension LakeClient {
    public func checkLake(_ request: FsckRequest) async throws -> FsckReport {
        try await post("fsck", request)
    }
}
