import ArgumentParser
import LakeEngine

/// `medlake dataset show NAME`: one dataset's counts, labels and standing.
struct DatasetShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one dataset's counts, sensitivity, consent scope and standing.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var name: String

    func run() async throws {
        try await reportingFailures {
            let dataset = try await options.api().dataset(named: name)
            if options.json { return try printJSON(dataset) }
            let fields: [(String, String)] = [
                ("name", dataset.name), ("zones", dataset.zones.joined(separator: ", ")),
                ("status", dataset.successor.map { "deprecated → \($0)" } ?? dataset.status.rawValue),
                ("sensitivity", dataset.sensitivity), ("consent", dataset.consentScope.joined(separator: ", ")),
                ("owner", dataset.owner), ("created", dataset.createdAt.formatted(.iso8601)),
                ("modalities", dataset.modalities.joined(separator: ", ")),
                ("assays", dataset.assays.joined(separator: ", ")),
                ("studies", String(dataset.studyCount)), ("series", String(dataset.seriesCount)),
                ("instances", String(dataset.instanceCount)), ("samples", String(dataset.sampleCount)),
                ("files", String(dataset.fileCount)), ("size", byteCount(dataset.byteCount)),
                ("open flags", String(dataset.openFlagCount)),
                ("quality score", dataset.qualityScore.map { String($0) } ?? "-"),
                ("legal hold", dataset.held ? "yes" : "no"),
            ]
            let width = fields.map(\.0.count).max() ?? 0
            for (name, value) in fields {
                print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + safe(value))
            }
        }
    }
}
