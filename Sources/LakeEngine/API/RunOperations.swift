/// Training runs bound to the manifests they trained on: what a pod records about itself (`medlake run
/// record`, its context from the environment) and what `run show` tells later.
public protocol RunOperations: Sendable {
    /// Records a run on a published version; needs operator, curator or admin, and is audited
    /// (`run.record`). A deprecated dataset's versions take no new runs.
    func recordTrainingRun(_ request: NewRun) async throws -> RunOverview
    /// One run with the versions staged for it.
    func trainingRun(id: Int64) async throws -> RunOverview
    /// Runs matching `query`, newest first, without their stagings.
    func trainingRuns(_ query: RunQuery) async throws -> Page<RunOverview>
}
