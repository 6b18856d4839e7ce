/// The quality score of a version when it was published, kept in its manifest so a training run bound
/// to the manifest records the quality of what it trained on.
public struct ManifestQuality: Codable, Hashable, Sendable {
    /// 0 to 100 (see ``QualityScoreFormula``).
    public var score: Double
    /// The formula that gave it, in one line (``QualityScoreFormula/summary``).
    public var formula: String

    public init(score: Double, formula: String) {
        self.score = score
        self.formula = formula
    }
}
