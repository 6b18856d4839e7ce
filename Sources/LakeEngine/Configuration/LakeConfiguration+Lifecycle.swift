extension LakeConfiguration {
    /// Parses `[[lifecycle.rules]]`: names unique, tiers and zones declared, states spelled right.
    static func parseLifecycleRules(
        _ table: TOMLFields?, tiers: [String: TierConfiguration], zones: [String]
    ) throws -> [LifecycleRule] {
        guard let table else { return [] }
        try table.rejectUnknownKeys(["rules"])
        var rules: [LifecycleRule] = []
        for entry in try table.tables("rules") ?? [] {
            try entry.rejectUnknownKeys([
                "name", "to", "from", "zone", "min_days_since_ingest", "min_days_since_access", "dataset_status",
                "sensitivity", "version_state",
            ])
            guard let name = try entry.string("name"), !name.isEmpty else {
                throw entry.error("name", "every lifecycle rule needs a name")
            }
            if rules.contains(where: { $0.name == name }) { throw entry.error("name", "rule '\(name)' is declared twice") }
            guard let to = try entry.string("to") else { throw entry.error("to", "every lifecycle rule needs a target tier") }
            let from = try entry.strings("from")
            for tier in [to] + (from ?? []) where tiers[tier] == nil {
                throw entry.error(tier == to ? "to" : "from", "tier '\(tier)' is not declared under [tiers]")
            }
            let zone = try entry.string("zone")
            if let zone, !zones.contains(zone) { throw entry.error("zone", "zone '\(zone)' is not in zones.names") }
            let status = try entry.string("dataset_status")
            if let status, !["active", "deprecated"].contains(status) {
                throw entry.error("dataset_status", "expected active or deprecated")
            }
            let versionState = try entry.string("version_state")
            if let versionState, !["draft", "published"].contains(versionState) {
                throw entry.error("version_state", "expected draft or published")
            }
            rules.append(
                LifecycleRule(
                    name: name, toTier: to, fromTiers: from, zone: zone,
                    minDaysSinceIngest: try entry.nonNegativeNumber("min_days_since_ingest"),
                    minDaysSinceAccess: try entry.nonNegativeNumber("min_days_since_access"),
                    datasetStatus: status, sensitivity: try entry.string("sensitivity"), versionState: versionState))
        }
        return rules
    }
}
