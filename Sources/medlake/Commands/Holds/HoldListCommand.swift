import ArgumentParser
import LakeEngine

/// `medlake hold list [--dataset NAME] [--all]`.
struct HoldListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List legal holds, newest first (active ones unless --all).")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only holds of this dataset.")
    var dataset: String?

    @Flag(help: "Include released holds.")
    var all = false

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let holds = try await allPages { page in
                try await lake.holds(HoldQuery(dataset: dataset, includeReleased: all, page: page))
            }
            if options.json { return try printJSON(holds) }
            var table = TextTable("ID", "TARGET", "OBJECTS", "BY", "SINCE", "REASON", "RELEASED")
            for hold in holds {
                table.add(
                    String(hold.id), hold.target, String(hold.objects), hold.createdBy,
                    hold.createdAt.formatted(.iso8601), hold.reason,
                    hold.releasedAt.map { "\($0.formatted(.iso8601)) by \(hold.releasedBy ?? "")" } ?? "-")
            }
            print(table.render(empty: "No legal holds."))
        }
    }
}
