import Catalog
import Foundation

extension Lake {
    /// Workers the catalog shows alive: those holding a running job whose lease has not expired (a worker
    /// renews its lease with every heartbeat). Names as in job rows (`host:pid:slot`), sorted.
    ///
    /// An idle worker holds no lease, so it is not listed; starting another one next to it is harmless
    /// (each job is claimed by one worker only).
    public func liveWorkers(at now: Date = Date()) throws -> [String] {
        try authorize(.read)
        return try catalog.read { tx in try tx.liveWorkerIds(at: now) }
    }
}
