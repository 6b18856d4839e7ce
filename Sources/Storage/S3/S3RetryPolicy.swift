/// How often and how patiently an S3 request is repeated after a server error or a lost connection.
///
/// Only failures that another attempt can cure are retried: 5xx answers, 429 (slow down), timeouts
/// and refused or reset connections. The wait doubles from `initialDelay` up to `maximumDelay`, with
/// up to 50 % random jitter so parallel part uploads do not retry in lockstep.
public struct S3RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Time allowed for one request, from connecting to the last byte of the answer's head.
    public var requestTimeout: Duration

    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.requestTimeout = requestTimeout
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    func delay(after attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) where delay < maximumDelay { delay *= 2 }
        delay = min(delay, maximumDelay)
        return delay + delay * Double.random(in: 0..<0.5)
    }
}
