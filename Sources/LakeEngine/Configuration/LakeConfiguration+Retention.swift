import Catalog

extension LakeConfiguration {
    /// Parses `[retention]`: `[[retention.policies]]` with unique names, declared zones, and a maximum keep
    /// never shorter than the minimum.
    static func parseRetention(_ table: TOMLFields?, zones: [String]) throws -> RetentionSettings {
        guard let table else { return RetentionSettings() }
        try table.rejectUnknownKeys(["policies"])
        var policies: [RetentionPolicy] = []
        for entry in try table.tables("policies") ?? [] {
            try entry.rejectUnknownKeys(["name", "zone", "label", "min_days", "max_days", "from"])
            guard let name = try entry.string("name"), !name.isEmpty else {
                throw entry.error("name", "every retention policy needs a name")
            }
            if policies.contains(where: { $0.name == name }) {
                throw entry.error("name", "policy '\(name)' is declared twice")
            }
            let zone = try entry.string("zone")
            if let zone, !zones.contains(zone) { throw entry.error("zone", "zone '\(zone)' is not in zones.names") }
            let minDays = try entry.nonNegativeNumber("min_days")
            let maxDays = try entry.nonNegativeNumber("max_days")
            if let minDays, let maxDays, maxDays < minDays {
                throw entry.error("max_days", "the maximum keep (\(maxDays) days) is shorter than the minimum (\(minDays))")
            }
            let fromText = try entry.string("from", default: RetentionPolicy.Clock.ingest.rawValue)
            guard let from = RetentionPolicy.Clock(rawValue: fromText) else {
                throw entry.error("from", "expected ingest or acquisition")
            }
            policies.append(
                RetentionPolicy(
                    name: name, zone: zone, label: try entry.string("label"), minDays: minDays, maxDays: maxDays,
                    from: from))
        }
        return RetentionSettings(policies: policies)
    }

    /// Parses `[quality_score]`: severity weights, state factors and `min_<zone>` thresholds (0 to 100).
    static func parseQualityScore(_ table: TOMLFields?, zones: [String]) throws -> QualityScoreFormula {
        var formula = QualityScoreFormula()
        guard let table else { return formula }
        let severities = FlagSeverity.allCases.map(\.rawValue)
        let states = FlagState.allCases.map(\.rawValue)
        try table.rejectUnknownKeys(Set(severities + states + zones.map { "min_\($0)" }))
        for severity in FlagSeverity.allCases {
            if let weight = try table.nonNegativeNumber(severity.rawValue) { formula.weights[severity] = weight }
        }
        for state in FlagState.allCases {
            if let factor = try table.nonNegativeNumber(state.rawValue) { formula.stateFactors[state] = factor }
        }
        for zone in zones {
            guard let minimum = try table.nonNegativeNumber("min_\(zone)") else { continue }
            guard minimum <= 100 else { throw table.error("min_\(zone)", "a score is between 0 and 100") }
            formula.minimumByZone[zone] = minimum
        }
        return formula
    }
}
