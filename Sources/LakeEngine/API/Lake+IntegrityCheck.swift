import Foundation

extension Lake {
    /// Checks the whole lake as ``fsck(full:repair:orphanGrace:)`` does, for an admin only, and audits the
    /// check (`lake.fsck`, with what it found).
    ///
    /// Through the service this runs inside it, as the service account, the only account that can read
    /// the catalog and every tier; the caller gets the report. Admin only even without `repair`: the
    /// report lists every object's tier and path, whatever datasets the caller may read.
    /// - Throws: ``LakeError/notPermitted(user:permission:)`` for anyone but an admin;
    ///   ``LakeError/invalidArgument(_:)`` for a negative `orphanGrace`.
    public func checkLake(_ request: FsckRequest) async throws -> FsckReport {
        try authorize(.configure)
        guard request.orphanGrace >= 0, request.orphanGrace.isFinite else {
            throw LakeError.invalidArgument("Please give an orphan grace of 0 seconds or more.")
        }
        let report = try await fsck(full: request.full, repair: request.repair, orphanGrace: request.orphanGrace)
        try await catalog.write { tx in
            try self.appendAudit(
                tx, role: .admin, action: "lake.fsck", target: self.root,
                details: [
                    "full": String(request.full), "repair": String(request.repair),
                    "objectsChecked": String(report.objectsChecked), "findings": String(report.findings.count),
                    "repaired": String(report.repaired.count),
                ])
        }
        return report
    }
}
