import Testing

@testable import LakeEngine

/// Runs that record themselves: the variables each system sets, and flags over them.
@Suite struct RunContextTests {
    @Test func readsKubernetesArgoAndCIVariables() {
        let context = RunContext.fromEnvironment([
            "MEDLAKE_IMAGE_DIGEST": "sha256:" + String(repeating: "a", count: 64), "GITHUB_SHA": "abcdef1234",
            "MEDLAKE_WORKFLOW_HASH": "wf", "POD_NAME": "train-0", "POD_NAMESPACE": "ml", "NODE_NAME": "gpu-3",
            "ARGO_WORKFLOW_NAME": "train-x7k2", "GITHUB_RUN_ID": "99", "MEDLAKE_SERVICE_ACCOUNT": "trainer",
        ])
        #expect(context.commit == "abcdef1234")
        #expect(context.pod == "train-0" && context.namespace == "ml" && context.node == "gpu-3")
        #expect(context.workflowRun == "argo:train-x7k2", "the orchestrator wins over the CI run that submitted it")
        #expect(context.serviceAccount == "trainer")
    }

    @Test func medlakeNamesWinAndEmptyValuesCountAsUnset() {
        let context = RunContext.fromEnvironment([
            "MEDLAKE_POD_NAME": "", "POD_NAME": "fallback", "MEDLAKE_COMMIT": "1111111", "GIT_COMMIT": "2222222",
            "AIRFLOW_CTX_DAG_ID": "train", "AIRFLOW_CTX_DAG_RUN_ID": "manual__2026", "CI_PIPELINE_ID": "5",
        ])
        #expect(context.pod == "fallback")
        #expect(context.commit == "1111111")
        #expect(context.workflowRun == "airflow:train/manual__2026")
        #expect(RunContext.fromEnvironment(["CI_PIPELINE_ID": "5", "CI_PROJECT_PATH": "g/p"]).workflowRun == "gitlab-ci:g/p/5")
        #expect(RunContext.fromEnvironment(["BUILD_TAG": "jenkins-train-7"]).workflowRun == "jenkins:jenkins-train-7")
        #expect(RunContext.fromEnvironment([:]) == RunContext())
    }

    @Test func flagsOverrideTheEnvironment() {
        let environment = RunContext.fromEnvironment(["NODE_NAME": "gpu-3", "POD_NAME": "train-0"])
        let merged = environment.overriding(with: RunContext(node: "gpu-9"))
        #expect(merged.node == "gpu-9" && merged.pod == "train-0")
    }

    @Test func aRunWithoutAnImageNamesTheVariable() throws {
        let fixture = try GovernanceLake()
        let erin = try fixture.open("erin")
        do {
            try erin.recordRun(manifest: "ct@2", context: RunContext(commit: "abc1234", workflow: "w"), parameters: [:])
            Issue.record("a run needs an image digest")
        } catch let error as LakeError {
            #expect(error.description.contains("MEDLAKE_IMAGE_DIGEST"))
        }
    }
}
