import Catalog
import Foundation

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
        try recordRun(
            manifest: manifest,
            context: RunContext(image: image, commit: commit, workflow: workflow, serviceAccount: serviceAccount),
            parameters: parameters)
    }

    /// Binds a training run to the manifest it trained on, with where it ran (``RunContext``: usually
    /// ``RunContext/fromEnvironment(_:)`` overridden by flags). Needs operator, curator or admin; audited.
    ///
    /// - Throws: ``LakeError/invalidArgument(_:)`` naming the flag and the variable when the image digest,
    ///   commit or workflow hash is missing or malformed.
    @discardableResult
    public func recordRun(manifest: String, context: RunContext, parameters: [String: String]) throws -> TrainingRun {
        let role = try authorize(.recordRun)
        let image = context.image ?? ""
        let imageDigest = image.hasPrefix("sha256:") ? String(image.dropFirst(7)) : ""
        guard imageDigest.count == 64, imageDigest.allSatisfy(\.isHexDigit) else {
            throw LakeError.invalidArgument(
                "Please give --image (or set MEDLAKE_IMAGE_DIGEST) as sha256: followed by 64 hexadecimal digits.")
        }
        let commit = context.commit ?? ""
        guard (7...64).contains(commit.count), commit.allSatisfy(\.isHexDigit) else {
            throw LakeError.invalidArgument(
                "Please give --commit (or set MEDLAKE_COMMIT, GITHUB_SHA, CI_COMMIT_SHA or GIT_COMMIT) as a "
                    + "hexadecimal commit id (7 to 64 digits).")
        }
        guard let workflow = context.workflow, !workflow.isEmpty, workflow.count <= 128 else {
            throw LakeError.invalidArgument("Please give --workflow (or set MEDLAKE_WORKFLOW_HASH): the workflow's hash.")
        }
        for (name, value) in [
            ("pod", context.pod), ("namespace", context.namespace), ("node", context.node),
            ("workflow run", context.workflowRun), ("service account", context.serviceAccount),
        ] {
            if let value, value.count > 253 || value.contains(where: { $0.isNewline }) {
                throw LakeError.invalidArgument("The \(name) is not a name: at most 253 characters on one line.")
            }
        }
        return try catalog.write { tx in
            let resolved = try resolvePublished(manifest, tx)
            try refuseDeprecated(datasetId: resolved.version.datasetId, tx)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var run = TrainingRun(
                manifestHash: resolved.record.hash, image: image.lowercased(), commit: commit.lowercased(),
                workflow: workflow, serviceAccount: context.serviceAccount,
                parameters: String(decoding: try encoder.encode(parameters), as: UTF8.self),
                recordedBy: actor.user, createdAt: Date(), pod: context.pod, namespace: context.namespace,
                node: context.node, workflowRun: context.workflowRun)
            try tx.insert(&run)
            try appendAudit(
                tx, role: role, action: "run.record", target: resolved.reference,
                details: [
                    "run": String(run.id ?? 0), "manifest": resolved.record.hash, "image": run.image,
                    "commit": run.commit, "workflow": workflow, "serviceAccount": context.serviceAccount ?? "",
                    "pod": context.pod ?? "", "namespace": context.namespace ?? "", "node": context.node ?? "",
                    "workflowRun": context.workflowRun ?? "",
                ])
            return run
        }
    }

    /// Training runs, newest first, optionally of one manifest (hash, prefix or `DATASET@VERSION`).
    public func runs(manifest: String? = nil) throws -> [TrainingRun] {
        try authorize(.read)
        return try catalog.read { tx in
            try tx.trainingRuns(manifestHash: try manifest.map { try resolvePublished($0, tx).record.hash })
        }
    }

    /// One run with the versions staged for it (`medlake run show`).
    public func trainingRun(id: Int64) throws -> RunOverview {
        try authorize(.read)
        return try catalog.read { tx in
            guard let run = try tx.trainingRun(id: id) else { throw LakeError.notFound(kind: "run", id: String(id)) }
            let reference = try resolvePublished(run.manifestHash, tx).reference
            return RunOverview(run, version: reference, stagings: try tx.stagings(runId: id))
        }
    }

    /// Training runs matching `query`, newest first, each with the version it trained on.
    public func trainingRuns(_ query: RunQuery) throws -> Page<RunOverview> {
        let runs = try runs(manifest: query.manifest)
        let versions = try catalog.read { tx in
            try Dictionary(Set(runs.map(\.manifestHash)).map { ($0, try resolvePublished($0, tx).reference) }) { first, _ in first }
        }
        return Page(slicing: runs.map { RunOverview($0, version: versions[$0.manifestHash] ?? $0.manifestHash, stagings: []) }, query.page)
    }

    /// Records a run (``recordRun(manifest:context:parameters:)``) and answers with it.
    public func recordTrainingRun(_ request: NewRun) throws -> RunOverview {
        let run = try recordRun(manifest: request.manifest, context: request.context, parameters: request.parameters)
        return try trainingRun(id: run.id ?? 0)
    }
}
