#if canImport(Glibc)
import Glibc
#endif

/// The service's open-file limit, and how many connections it may hold open under it.
///
/// Every connection is a file descriptor. A service out of descriptors fails `accept` with `EMFILE`,
/// and NIO's listening channel, still readable, retries at once: the service spins on every core and
/// answers no one, and it cannot open the catalog, an object or `/etc/passwd` (to name a caller) either,
/// until connections close. So `medlake serve` raises its soft limit to the hard limit (as Go's runtime
/// and nginx do; systemd's default soft limit is 1024), and ``LakeServer`` accepts at most
/// ``connections(listeners:)`` at a time on each listener: callers beyond wait in the listen backlog.
public enum OpenFileLimit {
    /// Raises the soft limit on open files to the hard limit; returns the limit in force.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return current }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return current
    }

    /// The soft limit on open files now (`Int.max` when unlimited).
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        return limit.rlim_cur >= rlim_t(Int.max) ? Int.max : Int(limit.rlim_cur)
    }

    /// Connections each of `listeners` listeners may hold open: half the descriptors, shared between
    /// them, leaving the other half for the catalog and its WAL, objects being read and written, TLS and
    /// password files (at least 8 each, so a tiny limit still serves).
    public static func connections(listeners: Int) -> Int {
        max(8, current / 2 / max(1, listeners))
    }
}
