import Testing

@testable import Storage

/// ``StreamPairHasher`` against the one-stream hasher, fed as a download feeds it: whole-block chunks of
/// different sizes per stream, one stream ending (in a partial block) long before the other.
@Suite struct StreamPairHasherTests {
    /// Pairs of lengths: equal, one empty, ends inside and at block edges, one much longer.
    static let lengths: [(Int, Int)] = [
        (0, 0), (0, 1000), (64, 64), (100_003, 55), (4096, 4096 + 63), (1 << 16, 3 * (1 << 16) + 7),
    ]

    @Test(arguments: lengths) func matchesTheOneStreamHasher(first: Int, second: Int) {
        let messages = [
            SHA256LanesTests.bytes(first, seed: 1), SHA256LanesTests.bytes(second, seed: 2),
        ]
        let hasher = StreamPairHasher()
        // Chunks of 4 KiB for the first stream and 16 KiB for the second: whole blocks until each ends.
        let chunkSizes = [4096, 16384]
        var offsets = [0, 0]
        messages[0].withUnsafeBytes { first in
            messages[1].withUnsafeBytes { second in
                let streams = [first, second]
                while offsets[0] < streams[0].count || offsets[1] < streams[1].count {
                    let chunks = (0..<2).map { lane in
                        let end = min(streams[lane].count, offsets[lane] + chunkSizes[lane])
                        defer { offsets[lane] = end }
                        return UnsafeRawBufferPointer(rebasing: streams[lane][offsets[lane]..<end])
                    }
                    hasher.update(chunks[0], chunks[1])
                }
            }
        }
        #expect(hasher.finalize(0) == ContentHasher.digest(of: messages[0]))
        #expect(hasher.finalize(1) == ContentHasher.digest(of: messages[1]))
    }
}
