import Foundation

/// Progress of a job with its rate and estimated time left, from samples taken on the runtime clock.
///
/// The rate is measured over the samples of the last ``window`` (default 5 s), so it follows a
/// throttled or stalled copy within seconds instead of averaging over the whole job.
public struct ProgressMeter: Sendable, Hashable {
    /// What is counted, for formatting the rate.
    public enum Unit: Sendable, Hashable {
        case bytes
        case items(String)
    }

    public private(set) var done: Int64
    public var total: Int64
    public var unit: Unit
    public var window: Duration
    private var samples: [Sample] = []

    private struct Sample: Sendable, Hashable {
        var time: Timestamp
        var done: Int64
    }

    public init(total: Int64, unit: Unit = .bytes, window: Duration = .seconds(5)) {
        done = 0
        self.total = max(0, total)
        self.unit = unit
        self.window = window
    }

    /// Records that `done` units are complete at `time`.
    public mutating func record(done: Int64, at time: Timestamp) {
        self.done = min(max(0, done), total)
        samples.append(Sample(time: time, done: self.done))
        let horizon = time + .nanoseconds(-window.nanoseconds)
        if let keep = samples.firstIndex(where: { $0.time >= horizon }), keep > 0 {
            samples.removeFirst(max(0, keep - 1))
        }
    }

    /// Fraction complete, 0…1.
    public var fraction: Double { total > 0 ? Double(done) / Double(total) : 1 }

    public var isFinished: Bool { done >= total }

    /// Units per second over the window, or nil before two samples span any time.
    public var rate: Double? {
        guard let first = samples.first, let last = samples.last, last.time > first.time else { return nil }
        return Double(last.done - first.done) / (last.time - first.time).seconds
    }

    /// Time left at the current rate; nil when unknown or stalled.
    public var remaining: Duration? {
        guard let rate, rate > 0 else { return nil }
        return .seconds(Double(total - done) / rate)
    }

    /// "37.5%  12.3 MB/s  ETA 1:02" (parts unknown yet are left out).
    public var label: String {
        var parts = [String(format: "%5.1f%%", fraction * 100)]
        if let rate { parts.append(Self.format(rate: rate, unit: unit)) }
        if isFinished {
            parts.append("done")
        } else if let remaining {
            parts.append("ETA " + Self.format(duration: remaining))
        }
        return parts.joined(separator: "  ")
    }

    static func format(rate: Double, unit: Unit) -> String {
        switch unit {
        case .items(let name): return String(format: "%.1f %@/s", rate, name)
        case .bytes:
            let units = ["B", "KB", "MB", "GB", "TB"]
            var value = rate
            var index = 0
            while value >= 1000, index < units.count - 1 {
                value /= 1000
                index += 1
            }
            return String(format: "%.1f %@/s", value, units[index])
        }
    }

    static func format(duration: Duration) -> String {
        let seconds = max(0, Int(duration.seconds.rounded()))
        if seconds >= 3600 { return String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60) }
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }
}
