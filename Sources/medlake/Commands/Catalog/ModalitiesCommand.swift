import ArgumentParser
import LakeEngine

/// `medlake modalities`: count series and instances by modality.
struct ModalitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modalities", abstract: "Count series and instances by modality, over the lake or one dataset.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only this dataset.")
    var dataset: String?

    func run() async throws {
        try await reportingFailures {
            let counts = try await options.api().modalities(dataset: dataset)
            if options.json { return try printJSON(counts) }
            var table = TextTable("MODALITY", "SERIES", "INSTANCES")
            for count in counts { table.add(count.modality, String(count.seriesCount), String(count.instanceCount)) }
            print(table.render(empty: "No imaging data."))
        }
    }
}
