/// SHA-256 of two byte streams hashed as they arrive, in the two lanes of one core (``SHA256Lanes``).
///
/// For a task that downloads two objects at once: one SHA-256 stream leaves most of a core's SHA units
/// idle, two advance together in about the time of one, so the core hashes nearly twice the bytes. (The
/// ``ParallelVerifier`` does the same for files read back from disk.)
///
/// Each ``update(_:_:)`` takes the next bytes of both streams (either may be empty). Every chunk but a
/// stream's last must be whole 64-byte blocks — a buffer filled to its end, say — so that no bytes are
/// held back; the last may end in a partial block, after which that stream takes no more bytes.
///
/// - warning: Not thread-safe; one hasher per task.
public final class StreamPairHasher {
    private let lanes = SHA256Lanes()
    /// Each stream's last partial block, once it came.
    private var tails: [[UInt8]?] = [nil, nil]

    public init() {}

    /// Adds the next bytes of the first and second streams.
    /// - precondition: A stream that ended in a partial block gets no more bytes.
    public func update(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) {
        let streams = [first, second]
        let blocks = streams.map { $0.count / SHA256Lanes.blockSize }
        let both = min(blocks[0], blocks[1])
        if both > 0, let firstStart = first.baseAddress, let secondStart = second.baseAddress {
            lanes.updateBoth(firstStart, secondStart, blocks: both)
        }
        for lane in 0..<SHA256Lanes.laneCount where !streams[lane].isEmpty {
            precondition(tails[lane] == nil, "a stream that ended in a partial block got more bytes")
            guard let start = streams[lane].baseAddress else { continue }
            lanes.update(lane: lane, start + both * SHA256Lanes.blockSize, blocks: blocks[lane] - both)
            let whole = blocks[lane] * SHA256Lanes.blockSize
            if whole < streams[lane].count { tails[lane] = Array(streams[lane][whole...]) }
        }
    }

    /// The digest of everything added to stream `lane` (0 or 1).
    public func finalize(_ lane: Int) -> ObjectDigest {
        (tails[lane] ?? []).withUnsafeBytes { lanes.finalize(lane: lane, tail: $0) }
    }
}
