import Catalog
import Foundation

/// How a dataset version's quality score is computed from the flags on its members, from `lake.toml`
/// `[quality_score]`.
///
/// Every flag on a member (or on the dataset, which counts once per member) costs its severity's weight
/// times its state's factor; the score is `100 × max(0, 1 − cost ÷ members)`, rounded to one decimal. So
/// 100 means no flag at all, a version where every member carries one open blocking flag scores 0, and
/// resolving a flag gives back all but the `resolved` factor of its cost. Flags raised by the automatic
/// QC rules at ingest and flags raised by people count alike.
///
/// ```toml
/// [quality_score]
/// blocking = 1.0      # weight of a blocking flag
/// warning = 0.25
/// info = 0.05
/// open = 1.0          # factor of an open flag
/// waived = 0.5
/// resolved = 0.1
/// min_training = 80   # promotions into training need at least this score
/// ```
public struct QualityScoreFormula: Sendable, Hashable, Codable {
    public var weights: [FlagSeverity: Double]
    public var stateFactors: [FlagState: Double]
    /// The lowest score a promotion into each zone accepts, by zone name (no minimum when absent).
    public var minimumByZone: [String: Double]

    public init(
        weights: [FlagSeverity: Double] = [.blocking: 1, .warning: 0.25, .info: 0.05],
        stateFactors: [FlagState: Double] = [.open: 1, .waived: 0.5, .resolved: 0.1],
        minimumByZone: [String: Double] = [:]
    ) {
        self.weights = weights
        self.stateFactors = stateFactors
        self.minimumByZone = minimumByZone
    }

    /// The score of a version with `members` members and `flags` on them; flags on `dataset` count once
    /// per member. A version without members scores 100.
    public func score(flags: [ManifestFlag], members: Int, dataset: String) -> Double {
        guard members > 0 else { return 100 }
        var cost = 0.0
        for flag in flags {
            let weight = FlagSeverity(rawValue: flag.severity).flatMap { weights[$0] } ?? 0
            let factor = FlagState(rawValue: flag.state).flatMap { stateFactors[$0] } ?? 0
            cost += weight * factor * (flag.target == dataset ? Double(members) : 1)
        }
        let score = 100 * max(0, 1 - cost / Double(members))
        return (score * 10).rounded() / 10
    }

    /// The formula in one line, for manifests and listings.
    public var summary: String {
        let weightText = FlagSeverity.allCases.reversed().map { "\($0.rawValue)=\(Self.format(weights[$0] ?? 0))" }
        let stateText = FlagState.allCases.map { "\($0.rawValue)=\(Self.format(stateFactors[$0] ?? 0))" }
        return "100*(1-sum(weight*state)/members); " + (weightText + stateText).joined(separator: " ")
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
