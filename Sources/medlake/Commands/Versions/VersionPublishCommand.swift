import ArgumentParser
import LakeEngine

/// `medlake version publish DATASET`: freeze the current membership as an immutable version.
struct VersionPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a dataset's current members as an immutable version identified by its manifest hash.",
        discussion: "Needs curator or admin.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    func run() throws {
        try reportingFailures {
            let version = try options.open().publishVersion(dataset: dataset)
            if options.json { return try printJSON(version) }
            print("Published \(safe(version.reference)) (\(version.entryCount) entries, zone \(version.zone)).")
            print("manifest \(version.manifestHash ?? "")")
        }
    }
}
