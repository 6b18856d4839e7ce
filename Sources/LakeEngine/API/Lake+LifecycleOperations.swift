import Foundation

/// The in-process side of ``LifecycleOperations``: the engine's plan at the current time, and its jobs as
/// the API shows them.
extension Lake {
    public func lifecyclePlan() throws -> LifecyclePlan {
        try lifecyclePlan(now: Date())
    }

    @discardableResult
    public func applyLifecycle() throws -> [MigrationJobOverview] {
        try applyLifecycle(now: Date()).map(MigrationJobOverview.init)
    }
}
