import ArgumentParser
import LakeEngine

/// `medlake datasets`: list datasets.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "List datasets with their contents and open flags.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only datasets holding series of this modality (CT, MR…).")
    var modality: String?

    @Option(help: "Only datasets holding samples of this assay (WGS, WES, RNA…).")
    var assay: String?

    @Option(help: "Only datasets with contents or a published version in this zone (raw, curated, training).")
    var zone: String?

    func run() throws {
        try reportingFailures {
            let lake = try options.open()
            let datasets = try lake.datasets(modality: modality, assay: assay, zone: zone)
            if options.json { return try printJSON(datasets) }
            let scores = try lake.latestQualityScores()
            let held = Set(try lake.holds().map(\.dataset))
            let deprecations = try lake.deprecations()
            var table = TextTable(
                "NAME", "ZONES", "MODALITIES", "ASSAYS", "STUDIES", "SERIES", "INSTANCES", "SAMPLES", "SIZE", "OPEN FLAGS",
                "SCORE", "HELD", "STATUS")
            for summary in datasets {
                let dataset = summary.dataset
                table.add(
                    dataset.name, summary.zones.joined(separator: ","), dataset.modalities, dataset.assays, String(summary.studyCount),
                    String(summary.seriesCount), String(summary.instanceCount), String(summary.sampleCount),
                    byteCount(summary.byteCount), String(summary.openFlagCount),
                    scores[dataset.name].map { String($0) } ?? "-", held.contains(dataset.name) ? "held" : "-",
                    deprecations[dataset.name].map { "deprecated → \($0.successor)" } ?? dataset.status.rawValue)
            }
            print(table.render(empty: "No datasets."))
        }
    }
}
