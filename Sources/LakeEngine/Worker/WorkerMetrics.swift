import CoreMetrics

/// What a migration worker counts, through swift-metrics: the application picks the backend (`medlake
/// worker --metrics-port` serves them in Prometheus' text format at `/metrics`); without one they cost
/// nothing.
///
/// Names follow Prometheus' conventions (`_total` for counters, base units). Counters only grow for the
/// life of the process; a scraper computes rates.
///
/// - Note: Every member is thread-safe (swift-metrics' handlers are), so one value is shared by every job
///   slot of a worker and by its lease keepers' threads.
public struct WorkerMetrics: Sendable {
    /// Bytes of objects whose placement switched (verified copies only; rolled-back copies never count).
    let bytesMoved: Counter
    /// Objects whose placement switched.
    let objectsMoved: Counter
    /// Objects that failed (hash mismatch, repeated read errors), and jobs that ended failed.
    let objectFailures: Counter
    let jobFailures: Counter
    /// Jobs this worker is running now.
    let jobsInFlight: Meter
    /// Jobs waiting in the queue, as last seen by this worker when it looked for work.
    let queueDepth: Meter
    /// Lease extensions written by this worker's heartbeats.
    let leaseRenewals: Counter

    /// Metrics made by `factory` (swift-metrics' global one unless given).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        bytesMoved = Counter(label: "medlake_worker_moved_bytes_total", factory: factory)
        objectsMoved = Counter(label: "medlake_worker_moved_objects_total", factory: factory)
        objectFailures = Counter(label: "medlake_worker_object_failures_total", factory: factory)
        jobFailures = Counter(label: "medlake_worker_job_failures_total", factory: factory)
        jobsInFlight = Meter(label: "medlake_worker_jobs_in_flight", factory: factory)
        queueDepth = Meter(label: "medlake_migration_queue_depth", factory: factory)
        leaseRenewals = Counter(label: "medlake_worker_lease_renewals_total", factory: factory)
    }
}
