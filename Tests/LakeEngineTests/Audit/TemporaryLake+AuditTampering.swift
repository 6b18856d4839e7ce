import Foundation
import GRDB
import Storage

@testable import LakeEngine

/// The lake the audit tests tamper with, and the tampering itself.
extension TemporaryLake {
    /// A lake whose owner ingested dataset `d1` (one file) and raised `flags` flags on it.
    static func withFlaggedDataset(flags: Int) throws -> TemporaryLake {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write("payload", to: input + "/a.bin")
        _ = try lake.owner.ingest([input], dataset: "d1", options: IngestOptions(keepUnknown: true))
        for index in 0..<flags { try lake.owner.addFlag(target: "d1", code: "needs-review", note: "n\(index)") }
        return lake
    }

    /// Edits the audit table the way an attacker with file access would: drop the append-only
    /// triggers, then run `sql`.
    func tamperWithAudit(_ sql: String) throws {
        try owner.catalog.pool.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS auditEvent_no_update; DROP TRIGGER IF EXISTS auditEvent_no_delete;")
            try db.execute(sql: sql)
        }
    }
}
