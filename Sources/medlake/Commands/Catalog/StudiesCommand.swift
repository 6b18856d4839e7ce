import ArgumentParser
import LakeEngine

/// `medlake studies DATASET`: list a dataset's studies.
struct StudiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "studies", abstract: "List the studies of a dataset.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let studies = try await allPages { page in try await lake.studies(StudyQuery(dataset: dataset, page: page)) }
            if options.json { return try printJSON(studies) }
            var table = TextTable("STUDY UID", "DATE", "PATIENT", "MODALITIES", "SERIES", "INSTANCES", "DESCRIPTION")
            for study in studies {
                table.add(
                    study.studyInstanceUID, study.studyDate ?? "", study.patientPseudonym ?? "",
                    study.modalities.joined(separator: ","), String(study.seriesCount), String(study.instanceCount),
                    study.description ?? "")
            }
            print(table.render(empty: "No studies."))
        }
    }
}
