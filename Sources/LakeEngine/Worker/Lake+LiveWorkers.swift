import Catalog
import Foundation
import GRDB

extension Lake {
    /// Workers the catalog shows alive: those holding a running job whose lease has not expired (a worker
    /// renews its lease with every heartbeat). Names as in job rows (`host:pid:slot`), sorted.
    ///
    /// An idle worker holds no lease, so it is not listed; starting another one next to it is harmless
    /// (each job is claimed by one worker only).
    public func liveWorkers(at now: Date = Date()) throws -> [String] {
        try authorize(.read)
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        return try catalog.reader.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT workerId FROM migrationJob
                    WHERE state = 'running' AND workerId IS NOT NULL AND leaseExpiresAt >= ? ORDER BY workerId
                    """, arguments: [millis])
        }
    }
}
