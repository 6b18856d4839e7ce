import Foundation
import Storage
import TestSupport

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

    /// Edits the audit table the way an attacker with write access to the catalog would
    /// (`CatalogStore.tamperWithAudit`): drop the append-only triggers, then run `statements`.
    func tamperWithAudit(_ statements: String...) throws {
        try owner.catalog.tamperWithAudit(statements.map { ($0, []) })
    }
}
