/// Where a migration job stands. Raw values are what `migrationJob.state` holds.
public enum MigrationJobState: String, Codable, Sendable, Hashable, CaseIterable {
    /// Waiting for a worker.
    case queued
    /// Held by a worker under a lease.
    case running
    /// Stopped on request with objects left to move; resuming queues it again.
    case paused
    /// Every object moved.
    case done
    /// Ended with objects that could not be moved, or a fatal error.
    case failed
    /// Stopped on request; the objects it moved stay moved.
    case cancelled

    /// The states of a job that may still move objects.
    public static let active: Set<MigrationJobState> = [.queued, .running, .paused]
}

/// A change an operator asked of a running job. Raw values are what `migrationJob.control` holds.
public enum MigrationControl: String, Codable, Sendable, Hashable, CaseIterable {
    case pause
    case cancel
}
