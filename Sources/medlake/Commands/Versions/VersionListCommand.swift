import ArgumentParser
import LakeEngine

/// `medlake version list DATASET`: a dataset's versions.
struct VersionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a dataset's versions.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let versions = try await allPages { page in try await lake.versions(VersionQuery(dataset: dataset, page: page)) }
            if options.json { return try printJSON(versions) }
            var table = TextTable("VERSION", "STATE", "ZONE", "ENTRIES", "SCORE", "MANIFEST", "PARENT", "BY", "AT")
            for version in versions {
                let published = version.publishedScore.map { $0 == version.qualityScore ? "" : " (\($0) published)" } ?? ""
                table.add(
                    version.reference, version.state.rawValue, version.zone, String(version.entryCount),
                    String(version.qualityScore) + published,
                    version.manifestHash ?? "-", version.parent.map { String($0.prefix(12)) } ?? "-", version.createdBy,
                    version.createdAt.formatted(.iso8601))
            }
            print(table.render(empty: "No versions."))
        }
    }
}
