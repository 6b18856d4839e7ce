import Synchronization

/// A point on a monotonic clock, in nanoseconds from an arbitrary origin.
///
/// The runtime, dialogs, flashes and rate meters take time as a value from a ``RuntimeClock``
/// instead of reading the system clock, so tests drive time with a ``VirtualClock``.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static let zero = Timestamp(nanoseconds: 0)

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: Timestamp, rhs: Timestamp) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }
}

extension Duration {
    /// This duration in whole nanoseconds (saturating).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }

    /// This duration in seconds as a floating-point number.
    public var seconds: Double { Double(nanoseconds) / 1e9 }
}

/// Where the runtime reads the time.
public protocol RuntimeClock: Sendable {
    var now: Timestamp { get }
}

/// The system's monotonic clock.
public struct MonotonicClock: RuntimeClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Timestamp {
        Timestamp(nanoseconds: (ContinuousClock.now - origin).nanoseconds)
    }
}

/// A clock that moves only when told to: ticks, dialog delays and ETAs become deterministic in tests.
///
/// Thread-safe: the time is guarded by a `Mutex`.
public final class VirtualClock: RuntimeClock {
    private let time: Mutex<Timestamp>

    public init(start: Timestamp = .zero) {
        time = Mutex(start)
    }

    public var now: Timestamp { time.withLock { $0 } }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        time.withLock { $0 = $0 + duration }
    }

    /// Sets the clock to `timestamp` if that is later than now.
    public func advance(to timestamp: Timestamp) {
        time.withLock { $0 = max($0, timestamp) }
    }
}
