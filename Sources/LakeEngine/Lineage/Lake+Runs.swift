import Catalog
import Foundation
import GRDB

extension Lake {
    /// Binds a training run to the manifest it trained on: container image digest, code commit, workflow
    /// hash, service account and parameters. Needs operator, curator or admin; audited.
    ///
    /// `manifest` is a manifest hash (or an unambiguous prefix of 8+ digits) or a `DATASET@VERSION`.
    @discardableResult
    public func recordRun(
        manifest: String, image: String, commit: String, workflow: String, serviceAccount: String?,
        parameters: [String: String]
    ) throws -> TrainingRun {
        let role = try authorize(.recordRun)
        let imageDigest = image.hasPrefix("sha256:") ? String(image.dropFirst(7)) : ""
        guard imageDigest.count == 64, imageDigest.allSatisfy(\.isHexDigit) else {
            throw LakeError.invalidArgument("Please give --image as sha256: followed by 64 hexadecimal digits.")
        }
        guard (7...64).contains(commit.count), commit.allSatisfy(\.isHexDigit) else {
            throw LakeError.invalidArgument("Please give --commit as a hexadecimal commit id (7 to 64 digits).")
        }
        guard !workflow.isEmpty, workflow.count <= 128 else {
            throw LakeError.invalidArgument("Please give --workflow (the workflow's hash).")
        }
        return try catalog.pool.write { db in
            let resolved = try resolvePublished(manifest, db)
            try refuseDeprecated(datasetId: resolved.version.datasetId, db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var run = TrainingRun(
                manifestHash: resolved.record.hash, image: image.lowercased(), commit: commit.lowercased(),
                workflow: workflow, serviceAccount: serviceAccount,
                parameters: String(decoding: try encoder.encode(parameters), as: UTF8.self),
                recordedBy: actor.user, createdAt: Date())
            try run.insert(db)
            try appendAudit(
                db, role: role, action: "run.record", target: resolved.reference,
                details: [
                    "run": String(run.id ?? 0), "manifest": resolved.record.hash, "image": run.image,
                    "commit": run.commit, "workflow": workflow, "serviceAccount": serviceAccount ?? "",
                ])
            return run
        }
    }

    /// Training runs, newest first, optionally of one manifest (hash, prefix or `DATASET@VERSION`).
    public func runs(manifest: String? = nil) throws -> [TrainingRun] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var request = TrainingRun.order(TrainingRun.Columns.id.desc)
            if let manifest {
                request = request.filter(TrainingRun.Columns.manifestHash == (try resolvePublished(manifest, db)).record.hash)
            }
            return try request.fetchAll(db)
        }
    }
}
