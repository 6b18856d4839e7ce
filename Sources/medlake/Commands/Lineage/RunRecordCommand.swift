import ArgumentParser
import Foundation
import LakeEngine

/// `medlake run record --manifest ID [--image sha256:…] [--commit SHA] [--workflow HASH] …`.
///
/// Flags left out are taken from the environment (``RunContext/fromEnvironment(_:)``), so a Kubernetes
/// job, an Argo step, an Airflow task or a CI job records itself; a flag given wins over the environment.
struct RunRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Bind a training run to the manifest it trained on.",
        discussion: """
            Needs operator, curator or admin. Options left out are read from the environment: \
            MEDLAKE_IMAGE_DIGEST, MEDLAKE_COMMIT (or GITHUB_SHA, CI_COMMIT_SHA, GIT_COMMIT), \
            MEDLAKE_WORKFLOW_HASH, MEDLAKE_POD_NAME/POD_NAME, MEDLAKE_POD_NAMESPACE/POD_NAMESPACE, \
            MEDLAKE_NODE_NAME/NODE_NAME, MEDLAKE_SERVICE_ACCOUNT, and the workflow run from \
            MEDLAKE_WORKFLOW_RUN, ARGO_WORKFLOW_NAME, AIRFLOW_CTX_DAG_ID/AIRFLOW_CTX_DAG_RUN_ID, GITHUB_RUN_ID, \
            CI_PIPELINE_ID or BUILD_TAG (see docs/containers.md).
            """)

    @OptionGroup var options: LakeOptions

    @Option(help: "Manifest hash (or 8+ digit prefix) or DATASET@VERSION.")
    var manifest: String

    @Option(help: "Container image digest, sha256:… (default: $MEDLAKE_IMAGE_DIGEST).")
    var image: String?

    @Option(help: "Code commit (default: from the CI environment).")
    var commit: String?

    @Option(help: "Workflow hash (default: $MEDLAKE_WORKFLOW_HASH).")
    var workflow: String?

    @Option(help: "Service account that ran it.")
    var serviceAccount: String?

    @Option(help: "Kubernetes pod (default: $MEDLAKE_POD_NAME or $POD_NAME).")
    var pod: String?

    @Option(help: "Kubernetes namespace (default: $MEDLAKE_POD_NAMESPACE or $POD_NAMESPACE).")
    var namespace: String?

    @Option(help: "Node the pod ran on (default: $MEDLAKE_NODE_NAME or $NODE_NAME).")
    var node: String?

    @Option(help: "Workflow run, SYSTEM:ID (default: from Argo, Airflow or CI variables).")
    var workflowRun: String?

    @Option(help: "A run parameter, k=v (repeatable).")
    var param: [String] = []

    @Flag(help: "Print only the run's id (for `stage --run` in a script).")
    var quiet = false

    func validate() throws {
        if let bad = param.first(where: { !$0.contains("=") }) {
            throw ValidationError("Please write --param as key=value (got '\(bad)').")
        }
    }

    func run() async throws {
        try await reportingFailures {
            var parameters: [String: String] = [:]
            for pair in param {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                parameters[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            let flags = RunContext(
                image: image, commit: commit, workflow: workflow, serviceAccount: serviceAccount, pod: pod,
                namespace: namespace, node: node, workflowRun: workflowRun)
            let context = RunContext.fromEnvironment(ProcessInfo.processInfo.environment).overriding(with: flags)
            let run = try await options.api().recordTrainingRun(NewRun(manifest: manifest, context: context, parameters: parameters))
            if options.json { return try printJSON(run) }
            if quiet { return print(run.id) }
            print("Run \(run.id) recorded on manifest \(run.manifestHash).")
        }
    }
}
