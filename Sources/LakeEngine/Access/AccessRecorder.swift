import Catalog
import Foundation
import Synchronization

/// Collects object reads in memory and writes their last-access times in batches, so browsing does not
/// write to the catalog on every keystroke.
///
/// A batch is written when ``batchSize`` objects are waiting or ``maxDelay`` seconds passed since the
/// last write, and on ``flush(to:)``. Thread-safe.
final class AccessRecorder: Sendable {
    static let batchSize = 256
    static let maxDelay: TimeInterval = 30

    private struct State {
        var pending: [Int64: Date] = [:]
        var lastFlush = Date()
    }

    private let state = Mutex(State())

    /// Notes that object `id` was read at `time`; returns true when a batch is due.
    func record(_ id: Int64, at time: Date = Date()) -> Bool {
        state.withLock { state in
            state.pending[id] = time
            return state.pending.count >= Self.batchSize || time.timeIntervalSince(state.lastFlush) >= Self.maxDelay
        }
    }

    /// Writes every waiting access in one transaction (never moving a last access backwards).
    func flush(to catalog: CatalogStore) throws {
        let batch = state.withLock { state in
            defer {
                state.pending = [:]
                state.lastFlush = Date()
            }
            return state.pending
        }
        guard !batch.isEmpty else { return }
        try catalog.write { tx in try tx.recordAccesses(batch) }
    }
}
