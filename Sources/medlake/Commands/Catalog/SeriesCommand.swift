import ArgumentParser
import LakeEngine

/// `medlake series DATASET`: list a dataset's series.
struct SeriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "series", abstract: "List the series of a dataset.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    @Option(help: "Only the series of this study (Study Instance UID).")
    var study: String?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let series = try await allPages { page in
                try await lake.series(SeriesQuery(dataset: dataset, study: study, page: page))
            }
            if options.json { return try printJSON(series) }
            var table = TextTable("SERIES UID", "MODALITY", "INSTANCES", "BODY PART", "STUDY UID", "DESCRIPTION")
            for item in series {
                table.add(
                    item.seriesInstanceUID, item.modality, String(item.instanceCount), item.bodyPart ?? "",
                    item.studyInstanceUID, item.description ?? "")
            }
            print(table.render(empty: "No series."))
        }
    }
}
