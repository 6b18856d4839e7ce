import Catalog
import CoreMetrics
import Foundation
import Logging
import Synchronization

/// Keeps a running job's lease alive and publishes its progress, on a thread of its own.
///
/// Every ``interval`` it extends the lease, writes bytes done, the smoothed rate and the ETA to the job
/// row, and reads the job's `control` column. Running on a plain thread, it is never starved by copies
/// that block the cooperative pool. When the row is no longer ours (the lease was taken over), a pause
/// or cancel is requested, or the worker is shutting down, it raises ``stop`` so copies end within a chunk.
final class LeaseKeeper: Sendable {
    enum Stop: Int {
        /// `shutdown`: the worker process is stopping (SIGTERM); the job goes back to the queue.
        case none = 0, pause, cancel, leaseLost, shutdown
    }

    /// How often the row is written: often enough for live screens, rarely enough to keep writes cheap.
    static let interval = 0.25

    /// Where the keeper reports: progress lines every `interval` seconds, and a count of lease renewals.
    struct Report: Sendable {
        var logger: Logger
        var interval: Double
        var renewals: Counter
    }

    private let catalog: CatalogStore
    private let jobId: Int64
    private let worker: String
    private let leaseDuration: Double
    private let bytesTotal: Int64
    private let baseBytes: Int64
    private let baseObjects: Int64
    private let objectsTotal: Int64
    private let report: Report?
    /// True once the worker is stopping; read every beat.
    private let shuttingDown: @Sendable () -> Bool
    /// Bytes copied by this run (completed objects plus the chunks of those in flight).
    let movedBytes = Atomic<Int64>(0)
    /// Objects whose placement this run switched.
    let movedObjects = Atomic<Int64>(0)
    private let stopState = Atomic<Int>(0)
    /// Signalled by ``finish()``: wakes the thread from its wait between beats, so a job ends without
    /// waiting out the rest of an interval.
    private let finishing = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    init(catalog: CatalogStore, jobId: Int64, worker: String, leaseDuration: Double, bytesTotal: Int64, baseBytes: Int64,
        baseObjects: Int64, objectsTotal: Int64 = 0, shuttingDown: @escaping @Sendable () -> Bool = { false },
        report: Report? = nil
    ) {
        self.catalog = catalog
        self.jobId = jobId
        self.worker = worker
        self.leaseDuration = leaseDuration
        self.bytesTotal = bytesTotal
        self.baseBytes = baseBytes
        self.baseObjects = baseObjects
        self.objectsTotal = objectsTotal
        self.report = report
        self.shuttingDown = shuttingDown
    }

    /// Why copies must stop, if they must.
    var stop: Stop { Stop(rawValue: stopState.load(ordering: .acquiring)) ?? .none }

    /// Records a stop reason unless one is already set (a lost lease overrides a request).
    func requestStop(_ reason: Stop) {
        if reason == .leaseLost {
            stopState.store(reason.rawValue, ordering: .releasing)
        } else {
            _ = stopState.compareExchange(expected: 0, desired: reason.rawValue, ordering: .acquiringAndReleasing)
        }
    }

    func start() {
        let thread = Thread { [self] in
            var lastBytes: Int64 = 0
            var lastTime = Date().timeIntervalSinceReferenceDate
            var rate = 0.0
            var lastReport = lastTime
            while finishing.wait(timeout: .now() + Self.interval) == .timedOut {
                if shuttingDown() { requestStop(.shutdown) }
                let now = Date().timeIntervalSinceReferenceDate
                let moved = movedBytes.load(ordering: .relaxed)
                let instant = Double(moved - lastBytes) / max(now - lastTime, 0.001)
                rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant
                lastBytes = moved
                lastTime = now
                let objects = baseObjects + movedObjects.load(ordering: .relaxed)
                beat(bytesDone: baseBytes + moved, objectsDone: objects, rate: rate)
                if let report, now - lastReport >= report.interval {
                    lastReport = now
                    logProgress(report.logger, bytesDone: baseBytes + moved, objectsDone: objects, rate: rate)
                }
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops the thread and waits for its last write.
    func finish() {
        finishing.signal()
        done.wait()
    }

    /// One progress line: bytes and objects done of the totals, the smoothed rate and the ETA.
    private func logProgress(_ logger: Logger, bytesDone: Int64, objectsDone: Int64, rate: Double) {
        guard logger.logLevel <= .info else { return }
        var metadata: Logger.Metadata = [
            "bytes": .stringConvertible(bytesDone), "bytes.total": .stringConvertible(bytesTotal),
            "objects": .stringConvertible(objectsDone), "objects.total": .stringConvertible(objectsTotal),
            "rate.bytesPerSecond": .stringConvertible(Int64(exactly: rate.rounded()) ?? 0),
        ]
        // A rate near zero gives no useful ETA (and one too large for an integer).
        if rate > 0, let eta = Int64(exactly: (Double(max(0, bytesTotal - bytesDone)) / rate).rounded()) {
            metadata["eta.seconds"] = .stringConvertible(eta)
        }
        logger.info("job progress", metadata: metadata)
    }

    private func beat(bytesDone: Int64, objectsDone: Int64, rate: Double) {
        let remaining = Double(max(0, bytesTotal - bytesDone))
        let eta: Double? = rate > 0 ? remaining / rate : nil
        do {
            let control: String?? = try catalog.write { tx in
                guard
                    try tx.renewLease(
                        jobId: jobId, worker: worker, leaseSeconds: leaseDuration, objectsDone: objectsDone,
                        bytesDone: bytesDone, bytesPerSecond: rate, etaSeconds: eta, at: Date()) != nil
                else { return nil }
                report?.renewals.increment()
                return .some(try tx.jobControl(id: jobId))
            }
            switch control {
            case .none: requestStop(.leaseLost)
            case .some("pause"): requestStop(.pause)
            case .some("cancel"): requestStop(.cancel)
            default: break
            }
        } catch {
            // A busy catalog delays one beat; the lease outlives several beats, so the next one catches up.
        }
    }
}
