import Dispatch
import Foundation
import Logging
import Synchronization

/// Turns SIGTERM and SIGINT into a graceful stop of `medlake worker`.
///
/// The first signal raises ``stop`` (the worker stops claiming, rolls back or finishes the batch in
/// flight and puts its job back in the queue with its lease released) and starts the grace period. A
/// worker still running when it ends, or a second signal, exits at once with status 1, which is safe at
/// any instant (see ``MigrationWorker``): the job is taken over when its lease expires. Kubernetes sends
/// SIGKILL `terminationGracePeriodSeconds` after SIGTERM, so the grace period must be shorter than that.
///
/// - warning: Create one before starting work and ``cancel()`` it after the worker returns.
final class ShutdownSignals {
    /// Raised by the first signal; the worker polls it.
    let stop = StopFlag()
    private var sources: [any DispatchSourceSignal] = []

    init(grace: Double, logger: Logger) {
        let queue = DispatchQueue(label: "medlake.worker.signals")
        let stop = stop
        for number in [SIGTERM, SIGINT] {
            // Dispatch sees a signal only once its default action (ending the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                guard stop.raise() else { Self.exitNow("a second signal arrived", logger: logger) }
                logger.info(
                    "stopping: no new jobs; the job in flight goes back to the queue (grace \(Int(grace)) s)")
                queue.asyncAfter(deadline: .now() + grace) { Self.exitNow("the grace period ended", logger: logger) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening; the signals' default actions stay off (the worker has returned by then).
    func cancel() {
        for source in sources { source.cancel() }
    }

    private static func exitNow(_ why: String, logger: Logger) -> Never {
        logger.error("\(why) before the job in flight stopped; exiting")
        exit(1)
    }
}

/// A flag raised once, read from any thread.
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Raises the flag; false when it was raised already.
    func raise() -> Bool {
        raised.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
