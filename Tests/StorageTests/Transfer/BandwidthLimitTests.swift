import Testing

@testable import Storage

/// The shared bandwidth limit books bytes on a virtual clock (no sleeping in the test).
@Suite struct BandwidthLimitTests {
    @Test func waitsGrowWithTheBytesBooked() {
        let limit = BandwidthLimit(bytesPerSecond: 1_000_000)
        #expect(limit.reserve(500_000, now: 100) == 0.5)
        #expect(limit.reserve(500_000, now: 100) == 1.0, "a second caller queues behind the first")
        #expect(limit.reserve(1_000_000, now: 105) == 1.0, "an idle link starts afresh")
    }
}
