import GRDB

extension CatalogTransaction {
    /// The run with row id `id`, if any.
    public func trainingRun(id: Int64) throws -> TrainingRun? {
        try TrainingRun.fetchOne(db, key: id)
    }

    /// Runs newest first, optionally only those of the manifest with hash `manifestHash`.
    public func trainingRuns(manifestHash: String? = nil) throws -> [TrainingRun] {
        var request = TrainingRun.order(TrainingRun.Columns.id.desc)
        if let manifestHash { request = request.filter(TrainingRun.Columns.manifestHash == manifestHash) }
        return try request.fetchAll(db)
    }

    /// The stagings recorded for run `runId`, oldest first.
    public func stagings(runId: Int64) throws -> [RunStaging] {
        try RunStaging.filter(RunStaging.Columns.runId == runId).order(RunStaging.Columns.id).fetchAll(db)
    }
}
