import Foundation
import Synchronization

@testable import LakeEngine

/// Holds a worker before one object of its run until the test opens the gate, then until the worker has
/// seen the stop the test asked for: a pause or cancel lands at a chosen object on any machine, with no
/// clock involved.
///
/// ```swift
/// let gate = ObjectGate(at: 12)
/// var worker = try MigrationWorker(lake: lake, parallelObjects: 1)
/// worker.beforeObject = gate.hook
/// ```
///
/// - warning: Open every gate before the test ends (`defer { gate.open() }`), or the worker task waits
///   forever.
final class ObjectGate: Sendable {
    /// How long a wait on a worker's state may last before the test gives up: a bound on a state, not a
    /// duration. Ten minutes, because the whole suite shares two cores, their cooperative threads are
    /// often held by tests waiting on processes, and every object a worker moves is fsynced on a disk
    /// the other tests keep busy.
    static let patience: TimeInterval = 600

    let index: Int
    /// Whether the test stops the job at this gate, so the run is held until the worker has seen the stop.
    let stops: Bool
    private let state = Mutex<State>(State())

    private struct State {
        var reached = false
        var opened = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    init(at index: Int, stops: Bool = true) {
        self.index = index
        self.stops = stops
    }

    /// For ``MigrationWorker/beforeObject``: holds the run at ``index``.
    var hook: @Sendable (Int, @escaping @Sendable () -> Bool) async -> Void {
        { [self] index, stopSeen in
            guard index == self.index else { return }
            await hold()
            guard stops else { return }
            // The worker sees a pause or cancel at its next lease beat or commit; wait for it (a bounded wait
            // on a state), so nothing after this object is started.
            let end = Date().addingTimeInterval(Self.patience)
            while !stopSeen(), Date() < end { try? await Task.sleep(for: .milliseconds(10)) }
        }
    }

    /// Holds the run to every other gate's indices too.
    static func chain(_ gates: [ObjectGate]) -> @Sendable (Int, @escaping @Sendable () -> Bool) async -> Void {
        { index, stopSeen in
            for gate in gates { await gate.hook(index, stopSeen) }
        }
    }

    private func hold() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passNow = state.withLock { state -> Bool in
                state.reached = true
                if state.opened { return true }
                state.waiter = continuation
                return false
            }
            if passNow { continuation.resume() }
        }
    }

    /// Lets the run go on (at once, if it has not reached the gate yet).
    func open() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.opened = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until the run reaches the gate, or ``patience`` runs out; returns whether it did.
    func waitUntilReached() async -> Bool {
        let end = Date().addingTimeInterval(Self.patience)
        while Date() < end {
            if state.withLock({ $0.reached }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
