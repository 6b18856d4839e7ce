extension CatalogTransaction {
    /// The run with row id `id`, if any.
    public func trainingRun(id: Int64) throws -> TrainingRun? {
        try connection.fetchOne(TrainingRun.self, "SELECT * FROM trainingRun WHERE id = ?", [id])
    }

    /// Runs newest first, optionally only those of the manifest with hash `manifestHash`.
    public func trainingRuns(manifestHash: String? = nil) throws -> [TrainingRun] {
        guard let manifestHash else {
            return try connection.fetchAll(TrainingRun.self, "SELECT * FROM trainingRun ORDER BY id DESC")
        }
        return try connection.fetchAll(
            TrainingRun.self, "SELECT * FROM trainingRun WHERE manifestHash = ? ORDER BY id DESC", [manifestHash])
    }

    /// The stagings recorded for run `runId`, oldest first.
    public func stagings(runId: Int64) throws -> [RunStaging] {
        try connection.fetchAll(RunStaging.self, "SELECT * FROM runStaging WHERE runId = ? ORDER BY id", [runId])
    }
}
