import ArgumentParser
import LakeEngine

/// `medlake studies DATASET`: list a dataset's studies.
struct StudiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "studies", abstract: "List the studies of a dataset.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    func run() throws {
        try reportingFailures {
            let studies = try options.open().studies(dataset: dataset)
            if options.json { return try printJSON(studies) }
            var table = TextTable("STUDY UID", "DATE", "PATIENT", "MODALITIES", "SERIES", "INSTANCES", "DESCRIPTION")
            for summary in studies {
                let study = summary.study
                table.add(
                    study.studyInstanceUID, study.studyDate ?? "", study.patientPseudonym ?? "", summary.modalities,
                    String(summary.seriesCount), String(summary.instanceCount), study.description ?? "")
            }
            print(table.render(empty: "No studies."))
        }
    }
}
