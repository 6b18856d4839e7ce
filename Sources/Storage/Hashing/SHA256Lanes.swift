import CSHA256Lanes

/// SHA-256 of two byte streams advanced together on one core.
///
/// One SHA-256 stream is bound by the latency of the CPU's SHA instructions, which leaves room for a
/// second, independent stream on the same core: with the x86 SHA extensions both advance in the time of
/// one, so a core hashes 1.9× the bytes (``isAccelerated``). Without them each lane is a
/// ``ContentHasher`` and the lanes simply take turns, giving the same digests.
///
/// Bytes are fed in whole 64-byte blocks; the last, partial block goes to ``finalize(lane:tail:)``.
/// - warning: Not thread-safe; one instance per thread.
final class SHA256Lanes {
    /// Streams hashed together.
    static let laneCount = 2
    /// Bytes per SHA-256 block.
    static let blockSize = 64
    /// True when this CPU has the SHA instructions that let the two lanes advance together.
    static let isAccelerated = medlake_sha256_lanes_available() != 0

    /// The initial hash value of FIPS 180-4 §5.3.3.
    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// Eight state words per lane, contiguous.
    private let states: UnsafeMutablePointer<UInt32>
    /// Bytes hashed per lane.
    private var lengths = [UInt64](repeating: 0, count: laneCount)
    /// The lanes' hashers when the CPU lacks the SHA instructions.
    private var fallback = [ContentHasher](repeating: ContentHasher(), count: laneCount)

    init() {
        states = .allocate(capacity: 8 * Self.laneCount)
        for lane in 0..<Self.laneCount { reset(lane: lane) }
    }

    deinit {
        states.deallocate()
    }

    /// Starts a new stream in `lane`.
    func reset(lane: Int) {
        lengths[lane] = 0
        if Self.isAccelerated {
            for word in 0..<8 { states[8 * lane + word] = Self.initialState[word] }
        } else {
            fallback[lane] = ContentHasher()
        }
    }

    /// Adds `blocks` 64-byte blocks at `bytes` to `lane`.
    func update(lane: Int, _ bytes: UnsafeRawPointer, blocks: Int) {
        guard blocks > 0 else { return }
        lengths[lane] += UInt64(blocks * Self.blockSize)
        if Self.isAccelerated {
            medlake_sha256_blocks_x1(states + 8 * lane, bytes.assumingMemoryBound(to: UInt8.self), blocks)
        } else {
            fallback[lane].update(UnsafeRawBufferPointer(start: bytes, count: blocks * Self.blockSize))
        }
    }

    /// Adds `blocks` 64-byte blocks to each lane: those at `first` to lane 0, those at `second` to lane 1.
    func updateBoth(_ first: UnsafeRawPointer, _ second: UnsafeRawPointer, blocks: Int) {
        guard blocks > 0, Self.isAccelerated else {
            update(lane: 0, first, blocks: blocks)
            update(lane: 1, second, blocks: blocks)
            return
        }
        lengths[0] += UInt64(blocks * Self.blockSize)
        lengths[1] += UInt64(blocks * Self.blockSize)
        var lanes: [UnsafeMutablePointer<UInt32>?] = [states, states + 8]
        var data: [UnsafePointer<UInt8>?] = [
            first.assumingMemoryBound(to: UInt8.self), second.assumingMemoryBound(to: UInt8.self),
        ]
        medlake_sha256_blocks_x2(&lanes, &data, blocks)
    }

    /// Adds `tail` (fewer than 64 bytes) to `lane` and returns the digest of its whole stream.
    /// - precondition: `tail.count < 64`.
    func finalize(lane: Int, tail: UnsafeRawBufferPointer) -> ObjectDigest {
        precondition(tail.count < Self.blockSize, "the tail of a stream is shorter than a block")
        guard Self.isAccelerated else {
            fallback[lane].update(tail)
            return fallback[lane].finalize()
        }
        // FIPS 180-4 §5.1.1: a 1 bit, zeros, and the length in bits as a big-endian 64-bit number.
        let bits = (lengths[lane] + UInt64(tail.count)) * 8
        var padding = [UInt8](repeating: 0, count: 2 * Self.blockSize)
        padding.replaceSubrange(0..<tail.count, with: tail)
        padding[tail.count] = 0x80
        let blocks = tail.count < Self.blockSize - 8 ? 1 : 2
        for index in 0..<8 {
            padding[blocks * Self.blockSize - 1 - index] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index)))
        }
        padding.withUnsafeBufferPointer { medlake_sha256_blocks_x1(states + 8 * lane, $0.baseAddress, blocks) }
        // The digest is the eight state words, big-endian.
        let digest = (0..<32).map { index in
            UInt8(truncatingIfNeeded: states[8 * lane + index / 4] >> (24 - 8 * UInt32(index % 4)))
        }
        return ObjectDigest(bytes: digest)
    }
}
