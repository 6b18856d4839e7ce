import Foundation

/// How ``Lake/ingest(_:dataset:options:progress:)`` runs.
public struct IngestOptions: Sendable {
    /// Store files of unknown format as opaque objects instead of only reporting them.
    public var keepUnknown: Bool
    /// Files per catalog transaction: small enough that other processes wait briefly (a 1,000-file batch
    /// writes its rows in about 50 ms), large enough that commits and shard-folder fsyncs do not dominate.
    public var batchSize: Int
    /// Bytes per batch (unless one file is larger), so batches of large files still commit often. Up to
    /// three batches are in flight at once (one recording, one publishing, one being read), which bounds
    /// the memory small files take while they wait for the disk.
    public var batchBytes: Int64
    /// Files up to this size are read into memory once (hash, parse and store from one buffer); larger
    /// ones are streamed.
    public var inMemoryLimit: Int
    /// Parallel work items reading, hashing, parsing and staging files (one per core by default; the
    /// work is mostly CPU-bound on page-cache reads, and publishing batches its fsyncs separately).
    public var workers: Int

    public init(
        keepUnknown: Bool = false, batchSize: Int = 1000, batchBytes: Int64 = 128 << 20, inMemoryLimit: Int = 64 << 20,
        workers: Int? = nil
    ) {
        self.keepUnknown = keepUnknown
        self.batchSize = max(1, batchSize)
        self.batchBytes = max(1, batchBytes)
        self.inMemoryLimit = inMemoryLimit
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
