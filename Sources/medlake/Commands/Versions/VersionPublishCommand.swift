import ArgumentParser
import LakeEngine

/// `medlake version publish DATASET`: freeze the current membership as an immutable version.
struct VersionPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a dataset's current members as an immutable version identified by its manifest hash.",
        discussion: "Needs curator or admin.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    func run() async throws {
        try await reportingFailures {
            let version = try await options.api().publishVersion(of: dataset)
            if options.json { return try printJSON(version) }
            print("Published \(safe(version.reference)) (\(version.entryCount) entries, zone \(version.zone)).")
            print("manifest \(version.manifestHash ?? "")")
        }
    }
}
