import LakeEngine

/// The lifecycle rules through the service, under `/v1/lifecycle` (the service's
/// `LakeServer+LifecycleRoutes.swift` lists the same routes).
extension LakeClient {
    public func lifecyclePlan() async throws -> LifecyclePlan { try await get("lifecycle/plan") }

    public func applyLifecycle() async throws -> [MigrationJobOverview] {
        try await post("lifecycle/apply", [String: String]())
    }
}
