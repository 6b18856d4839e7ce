import Foundation

/// Wraps the source of a copy: hashes every byte that passes, honours a bandwidth limit, reports progress
/// and stops on request; at the end of the stream it throws unless the bytes have the expected size and
/// SHA-256.
///
/// Because ``TierBackend/put(_:from:)`` stores nothing when its source throws, a copy through this reader
/// either lands verified under its digest or not at all, and the bytes are read once (hashing while
/// copying, never a second pass over the destination). A shared stage
/// (``TierBackend/stageShared(_:from:owner:verify:)``, a hard link) has nothing to copy and reads its new
/// name back with a ``ParallelVerifier`` instead.
///
/// - warning: Not thread-safe; one reader per copy.
public final class VerifyingReader: ObjectReading {
    private let source: any ObjectReading
    private let digest: ObjectDigest
    private let size: Int64
    private let limit: BandwidthLimit?
    private let shouldStop: @Sendable () -> Bool
    private let progress: (Int64) -> Void
    private var hasher = ContentHasher()
    /// Bytes read so far.
    public private(set) var count: Int64 = 0

    /// The longest single wait for the bandwidth limit, so a stop request is noticed within it.
    static let longestWait = 0.1

    /// - Parameters:
    ///   - source: the stream to verify.
    ///   - digest: the SHA-256 the bytes must have.
    ///   - size: the size the bytes must have.
    ///   - limit: shared bandwidth limit, if any.
    ///   - shouldStop: polled before each chunk and while waiting; true ends the copy with ``TransferStopped``.
    ///   - progress: called with the bytes read so far after each chunk.
    public init(
        _ source: any ObjectReading, digest: ObjectDigest, size: Int64, limit: BandwidthLimit?,
        shouldStop: @escaping @Sendable () -> Bool = { false }, progress: @escaping (Int64) -> Void = { _ in }
    ) {
        self.source = source
        self.digest = digest
        self.size = size
        self.limit = limit
        self.shouldStop = shouldStop
        self.progress = progress
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        if shouldStop() { throw TransferStopped() }
        let read = try await source.read(into: buffer)
        guard read > 0 else {
            let actual = hasher.finalize()
            guard count == size, actual == digest else {
                throw StorageError.hashMismatch(digest, actual: actual, size: count, expectedSize: size)
            }
            return 0
        }
        count += Int64(read)
        guard count <= size else {
            throw StorageError.hashMismatch(digest, actual: nil, size: count, expectedSize: size)
        }
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
        if let limit {
            var wait = limit.reserve(read)
            while wait > 0 {
                if shouldStop() { throw TransferStopped() }
                let step = min(wait, Self.longestWait)
                try await Task.sleep(nanoseconds: UInt64(step * 1e9))
                wait -= step
            }
        }
        progress(count)
        return read
    }
}

/// A copy ended early because its job was paused or cancelled (or lost its lease).
public struct TransferStopped: Error, Sendable {
    public init() {}
}
