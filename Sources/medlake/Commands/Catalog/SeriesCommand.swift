import ArgumentParser
import LakeEngine

/// `medlake series DATASET`: list a dataset's series.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "series", abstract: "List the series of a dataset.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    @Option(help: "Only the series of this study (Study Instance UID).")
    var study: String?

    func run() throws {
        try reportingFailures {
            let series = try options.open().series(dataset: dataset, studyUID: study)
            if options.json { return try printJSON(series) }
            var table = TextTable("SERIES UID", "MODALITY", "INSTANCES", "BODY PART", "STUDY UID", "DESCRIPTION")
            for listing in series {
                let item = listing.series
                table.add(
                    item.seriesInstanceUID, item.modality, String(item.instanceCount), item.bodyPart ?? "",
                    listing.studyInstanceUID, item.description ?? "")
            }
            print(table.render(empty: "No series."))
        }
    }
}
