import Catalog
import Foundation

/// A training run as the API shows it (``RunOperations``): what ran and where, on which published
/// version, with which parameters, and what was staged for it.
public struct RunOverview: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var manifestHash: String
    /// `DATASET@N` of the manifest it trained on.
    public var version: String
    /// Container image digest, `sha256:…`.
    public var image: String
    public var commit: String
    /// The workflow definition's hash.
    public var workflow: String
    public var serviceAccount: String?
    public var pod: String?
    public var namespace: String?
    public var node: String?
    /// `SYSTEM:ID` of the workflow run that started it (`argo:train-x7k2`).
    public var workflowRun: String?
    public var parameters: [String: String]
    public var recordedBy: String
    public var createdAt: Date
    /// Versions staged for it with `stage --run`, oldest first; empty in listings.
    public var stagings: [RunStagingOverview]

    /// Where it ran, as `run record` took it.
    public var context: RunContext {
        RunContext(
            image: image, commit: commit, workflow: workflow, serviceAccount: serviceAccount, pod: pod,
            namespace: namespace, node: node, workflowRun: workflowRun)
    }
}

/// One staging of a run's version (`medlake stage --run`).
public struct RunStagingOverview: Codable, Sendable, Hashable {
    public var manifestHash: String
    /// The folder written, as the stager named it.
    public var directory: String
    public var files: Int64
    public var bytes: Int64
    public var stagedBy: String
    public var stagedAt: Date
}

/// A run to record (``RunOperations/recordTrainingRun(_:)``): the manifest it trained on (hash, prefix
/// or `DATASET@VERSION`), where it ran and its parameters.
public struct NewRun: Codable, Sendable, Hashable {
    public var manifest: String
    public var context: RunContext
    public var parameters: [String: String]

    public init(manifest: String, context: RunContext, parameters: [String: String] = [:]) {
        self.manifest = manifest
        self.context = context
        self.parameters = parameters
    }
}

/// What ``RunOperations/trainingRuns(_:)`` lists: runs newest first, optionally of one manifest.
public struct RunQuery: Codable, Sendable, Hashable {
    /// A manifest hash, prefix or `DATASET@VERSION`.
    public var manifest: String?
    public var page: PageRequest

    public init(manifest: String? = nil, page: PageRequest = .first) {
        self.manifest = manifest
        self.page = page
    }
}

// MARK: - From the catalog

extension RunOverview {
    /// The API form of `run` on version `version`, with `stagings`.
    init(_ run: TrainingRun, version: String, stagings: [RunStaging]) {
        // The catalog keeps the parameters as the JSON object `run record` wrote.
        let parameters = (try? JSONDecoder().decode([String: String].self, from: Data(run.parameters.utf8))) ?? [:]
        self.init(
            id: run.id ?? 0, manifestHash: run.manifestHash, version: version, image: run.image, commit: run.commit,
            workflow: run.workflow, serviceAccount: run.serviceAccount, pod: run.pod, namespace: run.namespace,
            node: run.node, workflowRun: run.workflowRun, parameters: parameters, recordedBy: run.recordedBy,
            createdAt: run.createdAt,
            stagings: stagings.map { staging in
                RunStagingOverview(
                    manifestHash: staging.manifestHash, directory: staging.directory, files: staging.files,
                    bytes: staging.bytes, stagedBy: staging.stagedBy, stagedAt: staging.stagedAt)
            })
    }
}
