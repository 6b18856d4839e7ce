import Foundation
import Synchronization

/// A bandwidth limit shared by every copy of one job: callers report the bytes they moved and learn how
/// long to wait so that, together, they stay under the rate.
///
/// It keeps a virtual clock of when the link is next free, so bursts are smoothed without a background
/// task. Thread-safe.
public final class BandwidthLimit: Sendable {
    /// The rate, in bytes per second.
    public let bytesPerSecond: Double
    private let nextFree = Mutex<Double>(0)

    /// - precondition: `bytesPerSecond > 0`.
    public init(bytesPerSecond: Double) {
        precondition(bytesPerSecond > 0, "a bandwidth limit needs a positive rate")
        self.bytesPerSecond = bytesPerSecond
    }

    /// Books `bytes` on the link and returns how many seconds the caller should wait before going on.
    public func reserve(_ bytes: Int, now: Double = Date().timeIntervalSinceReferenceDate) -> Double {
        nextFree.withLock { free in
            let start = max(free, now)
            free = start + Double(bytes) / bytesPerSecond
            return max(0, free - now)
        }
    }
}
