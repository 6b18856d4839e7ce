import Catalog
/// What a training run ran: image, commit and workflow, and where: pod, namespace, node, workflow run.
///
/// ``fromEnvironment(_:)`` reads it from the variables Kubernetes (downward API), Argo Workflows, Airflow
/// and CI systems set, so a job can call `medlake run record` with no flags; a value given explicitly
/// (``overriding(with:)``) wins over one found in the environment. docs/containers.md lists the variables
/// and where each system documents them.
public struct RunContext: Codable, Hashable, Sendable {
    /// Container image digest, `sha256:` and 64 hexadecimal digits.
    public var image: String?
    /// Code commit (7 to 64 hexadecimal digits).
    public var commit: String?
    /// The workflow definition's hash.
    public var workflow: String?
    public var serviceAccount: String?
    public var pod: String?
    public var namespace: String?
    public var node: String?
    /// `SYSTEM:ID` of the workflow run that started the job (see ``TrainingRun/workflowRun``).
    public var workflowRun: String?

    public init(
        image: String? = nil, commit: String? = nil, workflow: String? = nil, serviceAccount: String? = nil,
        pod: String? = nil, namespace: String? = nil, node: String? = nil, workflowRun: String? = nil
    ) {
        self.image = image
        self.commit = commit
        self.workflow = workflow
        self.serviceAccount = serviceAccount
        self.pod = pod
        self.namespace = namespace
        self.node = node
        self.workflowRun = workflowRun
    }

    /// Where recorded run `run` ran.
    public init(_ run: TrainingRun) {
        self.init(
            image: run.image, commit: run.commit, workflow: run.workflow, serviceAccount: run.serviceAccount, pod: run.pod,
            namespace: run.namespace, node: run.node, workflowRun: run.workflowRun)
    }

    // MARK: - Environment

    /// The variables read for each field, first found wins: MedLake's own names first (set them in a pod
    /// spec, e.g. with a downward-API `fieldRef`), then the names other systems set themselves.
    public enum Variables {
        public static let image = ["MEDLAKE_IMAGE_DIGEST"]
        public static let commit = ["MEDLAKE_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT"]
        public static let workflow = ["MEDLAKE_WORKFLOW_HASH"]
        public static let serviceAccount = ["MEDLAKE_SERVICE_ACCOUNT", "POD_SERVICE_ACCOUNT"]
        public static let pod = ["MEDLAKE_POD_NAME", "POD_NAME"]
        public static let namespace = ["MEDLAKE_POD_NAMESPACE", "POD_NAMESPACE"]
        public static let node = ["MEDLAKE_NODE_NAME", "NODE_NAME"]
        /// The workflow run's own variable; without it, ``workflowRun(_:)`` asks the orchestrators' and CI's.
        public static let workflowRun = "MEDLAKE_WORKFLOW_RUN"

        /// Every variable named above.
        public static var all: [String] { image + commit + workflow + serviceAccount + pod + namespace + node + [workflowRun] }
    }

    /// The context the environment describes; fields no variable sets stay nil. Empty values count as unset.
    public static func fromEnvironment(_ environment: [String: String]) -> RunContext {
        func first(_ names: [String]) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        return RunContext(
            image: first(Variables.image), commit: first(Variables.commit), workflow: first(Variables.workflow),
            serviceAccount: first(Variables.serviceAccount), pod: first(Variables.pod),
            namespace: first(Variables.namespace), node: first(Variables.node),
            workflowRun: workflowRun(environment))
    }

    /// The workflow run, from `MEDLAKE_WORKFLOW_RUN` or the first orchestrator or CI system whose
    /// variables are set.
    static func workflowRun(_ environment: [String: String]) -> String? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let run = value(Variables.workflowRun) { return run }
        if let name = value("ARGO_WORKFLOW_NAME") { return "argo:" + name }
        if let dag = value("AIRFLOW_CTX_DAG_ID") {
            return "airflow:" + dag + (value("AIRFLOW_CTX_DAG_RUN_ID").map { "/" + $0 } ?? "")
        }
        if let run = value("GITHUB_RUN_ID") {
            return "github-actions:" + (value("GITHUB_REPOSITORY").map { $0 + "/" } ?? "") + run
        }
        if let pipeline = value("CI_PIPELINE_ID") {
            return "gitlab-ci:" + (value("CI_PROJECT_PATH").map { $0 + "/" } ?? "") + pipeline
        }
        if let tag = value("BUILD_TAG") { return "jenkins:" + tag }
        return nil
    }

    /// This context with every field `explicit` sets replacing this one's (flags over environment).
    public func overriding(with explicit: RunContext) -> RunContext {
        RunContext(
            image: explicit.image ?? image, commit: explicit.commit ?? commit, workflow: explicit.workflow ?? workflow,
            serviceAccount: explicit.serviceAccount ?? serviceAccount, pod: explicit.pod ?? pod,
            namespace: explicit.namespace ?? namespace, node: explicit.node ?? node,
            workflowRun: explicit.workflowRun ?? workflowRun)
    }
}
