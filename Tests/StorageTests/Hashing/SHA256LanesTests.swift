import Testing

@testable import Storage

/// `SHA256Lanes` against the one-stream hasher (BoringSSL's SHA-256) on lengths around every padding edge.
@Suite struct SHA256LanesTests {
    /// Lengths on both sides of the one- and two-block padding edges (55/56, 63/64, 119/120) and longer.
    static let lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096, 100_003]

    static func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &+ seed) &* 2_654_435_761 >> 7) }
    }

    /// Hashes `message` in `lane` alone: whole blocks, then the tail.
    static func digest(_ message: [UInt8], lane: Int, in lanes: SHA256Lanes) -> ObjectDigest {
        lanes.reset(lane: lane)
        let whole = message.count / SHA256Lanes.blockSize
        return message.withUnsafeBytes { raw in
            if let base = raw.baseAddress { lanes.update(lane: lane, base, blocks: whole) }
            let tail = UnsafeRawBufferPointer(rebasing: raw[(whole * SHA256Lanes.blockSize)...])
            return lanes.finalize(lane: lane, tail: tail)
        }
    }

    @Test func knownVector() {
        let lanes = SHA256Lanes()
        #expect(Self.digest(Array("abc".utf8), lane: 1, in: lanes).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: lengths) func oneLaneMatchesTheOneStreamHasher(length: Int) {
        let lanes = SHA256Lanes()
        let message = Self.bytes(length, seed: length)
        for lane in 0..<SHA256Lanes.laneCount {
            #expect(Self.digest(message, lane: lane, in: lanes) == ContentHasher.digest(of: message), "lane \(lane)")
        }
    }

    /// Two messages of different lengths: their common whole blocks go through the interleaved call,
    /// the rest of the longer one through its lane alone, as the verifier feeds them.
    @Test(arguments: [(0, 0), (64, 64), (100, 1000), (4096, 65), (100_003, 99_999), (128, 127)])
    func twoLanesTogetherMatchTheOneStreamHasher(first: Int, second: Int) {
        let lanes = SHA256Lanes()
        let messages = [Self.bytes(first, seed: 1), Self.bytes(second, seed: 2)]
        let wholes = messages.map { $0.count / SHA256Lanes.blockSize }
        let together = wholes.min() ?? 0
        var digests: [ObjectDigest] = []
        messages[0].withUnsafeBytes { a in
            messages[1].withUnsafeBytes { b in
                guard let aBase = a.baseAddress, let bBase = b.baseAddress else { return }
                lanes.reset(lane: 0)
                lanes.reset(lane: 1)
                lanes.updateBoth(aBase, bBase, blocks: together)
                let offset = together * SHA256Lanes.blockSize
                lanes.update(lane: 0, aBase + offset, blocks: wholes[0] - together)
                lanes.update(lane: 1, bBase + offset, blocks: wholes[1] - together)
                let tails = [
                    UnsafeRawBufferPointer(rebasing: a[(wholes[0] * SHA256Lanes.blockSize)...]),
                    UnsafeRawBufferPointer(rebasing: b[(wholes[1] * SHA256Lanes.blockSize)...]),
                ]
                digests = [lanes.finalize(lane: 0, tail: tails[0]), lanes.finalize(lane: 1, tail: tails[1])]
            }
        }
        #expect(digests == messages.map { ContentHasher.digest(of: $0) })
    }

    @Test func aLaneStartsAfreshAfterAReset() {
        let lanes = SHA256Lanes()
        _ = Self.digest(Self.bytes(1000, seed: 9), lane: 0, in: lanes)
        let message = Self.bytes(300, seed: 3)
        #expect(Self.digest(message, lane: 0, in: lanes) == ContentHasher.digest(of: message))
    }
}
