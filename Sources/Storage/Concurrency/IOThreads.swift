import NIOPosix
import Synchronization

/// The threads that make blocking file-system calls (direct writes, fsyncs, reads of large files) for every
/// tier in the process.
///
/// Async code never makes those calls itself: on Linux Swift's cooperative pool has one thread per core
/// and never grows, so a task blocked in `pread` or `fsync` holds a core's worth of every other task's
/// progress. It awaits ``perform(_:)`` instead.
///
/// Many calls in flight cost little more than one: the disk and the file system commit concurrent
/// flushes together (4,000 small files: 3.5 s one by one, 0.16 s with 32 in flight, measured on ext4).
/// One pool for the process's lifetime, so no batch spawns threads of its own.
public enum IOThreads {
    /// How many blocking calls may be in flight at once.
    static let count = 32

    /// The pool; started on first use and never stopped.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: count)
        pool.start()
        return pool
    }()

    /// Runs `body` on an I/O thread and returns its result, suspending (not blocking) the calling task.
    ///
    /// - Throws: what `body` throws, or `NIOThreadPoolError.ThreadPoolInactive` if the pool is stopped.
    public static func perform<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await pool.runIfActive(body)
    }

    /// Runs `body` on an I/O thread; the returned ``Pending`` holds its result.
    static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        pool.submit { state in
            guard case .active = state else {
                pending.fulfil(.failure(CancellationError()))
                return
            }
            pending.fulfil(Result(catching: body))
        }
        return pending
    }

    /// Runs `body` over every item on the I/O threads and calls `completion` once all have run, with the
    /// first error if any.
    static func forEach<Item: Sendable>(
        _ items: [Item], _ body: @escaping @Sendable (Item) throws -> Void,
        completion: @escaping @Sendable ((any Error)?) -> Void
    ) {
        guard !items.isEmpty else { return completion(nil) }
        let remaining = Atomic<Int>(items.count)
        let failure = Mutex<(any Error)?>(nil)
        for item in items {
            pool.submit { state in
                do {
                    guard case .active = state else { throw CancellationError() }
                    try body(item)
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
                if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                    completion(failure.withLock { $0 })
                }
            }
        }
    }
}
