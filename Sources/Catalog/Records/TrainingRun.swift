import Foundation
import GRDB

/// A training run bound to the manifest it trained on.
public struct TrainingRun: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var manifestHash: String
    /// Container image digest (`sha256:…`).
    public var image: String
    /// Code commit.
    public var commit: String
    /// Workflow hash.
    public var workflow: String
    public var serviceAccount: String?
    /// Run parameters as JSON.
    public var parameters: String
    public var recordedBy: String
    public var createdAt: Date
    /// The Kubernetes pod the run ran in, when known.
    public var pod: String?
    /// The pod's namespace.
    public var namespace: String?
    /// The node the pod ran on.
    public var node: String?
    /// The workflow run that started it, as `SYSTEM:ID` (`argo:train-x7k2`, `airflow:DAG/RUN`,
    /// `github-actions:RUN`, `gitlab-ci:PIPELINE`, `jenkins:TAG`).
    public var workflowRun: String?

    public init(
        id: Int64? = nil, manifestHash: String, image: String, commit: String, workflow: String,
        serviceAccount: String? = nil, parameters: String, recordedBy: String, createdAt: Date,
        pod: String? = nil, namespace: String? = nil, node: String? = nil, workflowRun: String? = nil
    ) {
        self.id = id
        self.manifestHash = manifestHash
        self.image = image
        self.commit = commit
        self.workflow = workflow
        self.serviceAccount = serviceAccount
        self.parameters = parameters
        self.recordedBy = recordedBy
        self.createdAt = createdAt
        self.pod = pod
        self.namespace = namespace
        self.node = node
        self.workflowRun = workflowRun
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let manifestHash = Column(CodingKeys.manifestHash)
        public static let image = Column(CodingKeys.image)
        public static let commit = Column(CodingKeys.commit)
        public static let workflow = Column(CodingKeys.workflow)
        public static let serviceAccount = Column(CodingKeys.serviceAccount)
        public static let parameters = Column(CodingKeys.parameters)
        public static let recordedBy = Column(CodingKeys.recordedBy)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let pod = Column(CodingKeys.pod)
        public static let namespace = Column(CodingKeys.namespace)
        public static let node = Column(CodingKeys.node)
        public static let workflowRun = Column(CodingKeys.workflowRun)
    }
}

// MARK: - Persistence

extension TrainingRun: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "trainingRun"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
