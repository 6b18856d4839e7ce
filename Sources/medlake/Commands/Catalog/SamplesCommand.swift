import ArgumentParser
import LakeEngine

/// `medlake samples`: list genomic samples.
struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "samples", abstract: "List genomic samples.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only samples of this assay (WGS, WES, RNA, panel…).")
    var assay: String?

    @Option(help: "Only samples of this dataset.")
    var dataset: String?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let samples = try await allPages { page in
                try await lake.samples(SampleQuery(assay: assay, dataset: dataset, page: page))
            }
            if options.json { return try printJSON(samples) }
            var table = TextTable("SAMPLE", "DATASET", "ASSAY", "FORMATS", "FILES", "REFERENCE", "PLATFORM")
            for sample in samples {
                table.add(
                    sample.name, sample.dataset, sample.assay ?? "", sample.formats.joined(separator: ","),
                    String(sample.fileCount), sample.referenceGenome ?? "", sample.platform ?? "")
            }
            print(table.render(empty: "No samples."))
        }
    }
}
