import Foundation
import NIOPosix

extension CatalogStore {
    /// Runs `work` on a `NIOThreadPool` thread and returns what it returns, without blocking a cooperative
    /// thread: how the async forms run PostgreSQL transactions, whose calls block.
    ///
    /// `work` is released on the pool's thread before the caller resumes. The async forms hand in a closure
    /// made escapable by `withoutActuallyEscaping`, which traps when the closure outlives its block; the pool
    /// keeps its own work item a moment after running it (`runIfActive` traps there now and then on a loaded
    /// machine), so the work item holds only a ``WorkSlot`` that gives the closure up as it runs it.
    static func onThreadPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let slot = WorkSlot(work)
        return try await withCheckedThrowingContinuation { continuation in
            NIOThreadPool.singleton.submit { state in
                let active = if case .active = state { true } else { false }
                continuation.resume(with: slot.run(active: active))
            }
        }
    }
}

/// The one closure a thread-pool work item runs, taken out before it runs so nothing holds it afterwards.
///
/// `@unchecked Sendable`: the lock guards the slot, and the closure itself is `@Sendable`.
private final class WorkSlot<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var work: (@Sendable () throws -> T)?

    init(_ work: @escaping @Sendable () throws -> T) {
        self.work = work
    }

    /// Runs the closure once, releasing it before returning; when the pool is shutting down, fails instead.
    func run(active: Bool) -> Result<T, any Error> {
        guard let work = lock.withLock({ () -> (@Sendable () throws -> T)? in
            defer { work = nil }
            return work
        }) else {
            return .failure(NIOThreadPoolError.ThreadPoolInactive())
        }
        guard active else { return .failure(NIOThreadPoolError.ThreadPoolInactive()) }
        return Result { try work() }
    }
}
