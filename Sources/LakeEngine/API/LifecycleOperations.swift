/// The lifecycle rules of `lake.toml`: what they would move between tiers now, and queueing that as jobs.
public protocol LifecycleOperations: Sendable {
    /// What the rules would move now, per rule and source tier, with the monthly cost before and after.
    func lifecyclePlan() async throws -> LifecyclePlan
    /// Queues the plan as one `policy` migration job per move (operator or admin; audited); a worker runs
    /// them. Answers with the queued jobs (none when nothing is to move).
    func applyLifecycle() async throws -> [MigrationJobOverview]
}
