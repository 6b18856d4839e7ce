import Catalog

/// A training run, the version it trained on, and the stagings that fed it (`medlake run show`).
public struct RunDetail: Codable, Hashable, Sendable {
    public var run: TrainingRun
    /// `DATASET@N` of the run's manifest.
    public var version: String
    /// Versions staged with `medlake stage --run`, oldest first.
    public var stagings: [RunStaging]
}
