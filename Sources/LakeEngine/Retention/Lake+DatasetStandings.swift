import Catalog

extension Lake {
    /// The standing of every dataset, by name: keep period, active holds, deprecation, quality score.
    public func datasetStandings() throws -> [String: DatasetStanding] {
        try authorize(.read)
        let holds = Dictionary(grouping: try holds(), by: \.dataset)
        let deprecations = try deprecations()
        let scores = try latestQualityScores()
        return try catalog.read { tx in
            var standings: [String: DatasetStanding] = [:]
            for dataset in try tx.datasets() {
                standings[dataset.name] = DatasetStanding(
                    retention: try standing(of: dataset, zone: dataset.zone, tx), holds: holds[dataset.name] ?? [],
                    deprecation: deprecations[dataset.name], qualityScore: scores[dataset.name])
            }
            return standings
        }
    }
}
