import Dispatch
import Foundation
import Synchronization

/// A result being produced on another thread; ``wait()`` blocks until it is there.
///
/// The hand-off between the threads that compute (ingest workers, the tier's I/O threads) and the one
/// thread that commits: work is started early, and waited for only when its result is needed.
public final class Pending<Value: Sendable>: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<Value, any Error>?>(nil)

    /// A result still to come: ``fulfil(_:)`` must be called exactly once.
    public init() {
        done.enter()
    }

    /// Runs `body` on a thread of its own and holds its result.
    public convenience init(running body: @escaping @Sendable () throws -> Value) {
        self.init()
        Thread { self.fulfil(Result(catching: body)) }.start()
    }

    /// Sets the result and wakes the waiters.
    public func fulfil(_ result: Result<Value, any Error>) {
        outcome.withLock { $0 = result }
        done.leave()
    }

    /// Blocks until the result is there; returns it or rethrows its error. May be called any number of times.
    public func wait() throws -> Value {
        done.wait()
        return try outcome.withLock { $0 ?? .failure(CancellationError()) }.get()
    }
}
