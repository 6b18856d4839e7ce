import ArgumentParser
import LakeEngine

/// `medlake samples`: list genomic samples.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "samples", abstract: "List genomic samples.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only samples of this assay (WGS, WES, RNA, panel…).")
    var assay: String?

    @Option(help: "Only samples of this dataset.")
    var dataset: String?

    func run() throws {
        try reportingFailures {
            let samples = try options.open().samples(assay: assay, dataset: dataset)
            if options.json { return try printJSON(samples) }
            var table = TextTable("SAMPLE", "DATASET", "ASSAY", "FORMATS", "FILES", "REFERENCE", "PLATFORM")
            for listing in samples {
                let sample = listing.sample
                table.add(
                    sample.name, listing.datasetName, sample.assay ?? "", listing.formats, String(listing.fileCount),
                    sample.referenceGenome ?? "", sample.platform ?? "")
            }
            print(table.render(empty: "No samples."))
        }
    }
}
