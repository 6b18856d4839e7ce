/// When a worker publishes the copies it has staged: once a batch reaches ``objects`` objects or
/// ``bytes`` bytes, or its oldest copy has waited ``delay`` seconds, whichever comes first.
///
/// A batch is made durable together (one round of concurrent fsyncs, one fsync per folder) and switched
/// in one catalog transaction, so larger batches cost fewer disk waits; smaller ones bound the work a
/// pause or cancel throws away (staged copies not yet published are removed) and how long completed
/// object counts lag behind the bytes copied.
public struct MigrationBatchLimits: Sendable, Hashable {
    /// Objects per batch.
    public var objects: Int
    /// Bytes per batch.
    public var bytes: Int64
    /// Seconds the oldest staged copy may wait for its batch.
    public var delay: Double

    /// - precondition: every limit is positive.
    public init(objects: Int = 256, bytes: Int64 = 256 << 20, delay: Double = 0.5) {
        precondition(objects > 0 && bytes > 0 && delay > 0, "batch limits must be positive")
        self.objects = objects
        self.bytes = bytes
        self.delay = delay
    }
}
