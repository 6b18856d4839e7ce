import ArgumentParser
import LakeEngine

/// `medlake datasets`: list datasets.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "List datasets with their contents and open flags.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only datasets holding series of this modality (CT, MR…).")
    var modality: String?

    @Option(help: "Only datasets holding samples of this assay (WGS, WES, RNA…).")
    var assay: String?

    @Option(help: "Only datasets with contents or a published version in this zone (raw, curated, training).")
    var zone: String?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let datasets = try await allPages { page in
                try await lake.datasets(DatasetQuery(modality: modality, assay: assay, zone: zone, page: page))
            }
            if options.json { return try printJSON(datasets) }
            var table = TextTable(
                "NAME", "ZONES", "MODALITIES", "ASSAYS", "STUDIES", "SERIES", "INSTANCES", "SAMPLES", "SIZE", "OPEN FLAGS",
                "SCORE", "HELD", "STATUS")
            for dataset in datasets {
                table.add(
                    dataset.name, dataset.zones.joined(separator: ","), dataset.modalities.joined(separator: ","),
                    dataset.assays.joined(separator: ","), String(dataset.studyCount), String(dataset.seriesCount),
                    String(dataset.instanceCount), String(dataset.sampleCount), byteCount(dataset.byteCount),
                    String(dataset.openFlagCount), dataset.qualityScore.map { String($0) } ?? "-",
                    dataset.held ? "held" : "-", dataset.successor.map { "deprecated → \($0)" } ?? dataset.status.rawValue)
            }
            print(table.render(empty: "No datasets."))
        }
    }
}
