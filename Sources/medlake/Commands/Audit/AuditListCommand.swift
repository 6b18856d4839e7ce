import ArgumentParser
import Foundation
import LakeEngine

/// `medlake audit list`: print audit events.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit events, oldest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only events by this user.")
    var actor: String?

    @Option(help: "Only this action (ingest, flag.add…), or a prefix ending in '.' (flag.).")
    var action: String?

    @Option(
        help: ArgumentHelp("Only events at or after this time: a span back from now (90m, 2h, 7d) or a date "
            + "(2026-11-25, 2026-11-25T10:00:00Z)."),
        transform: AuditListCommand.parseTime)
    var since: Date?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let entries = try await allPages { page in
                try await lake.auditEntries(AuditQuery(actor: actor, action: action, since: since, page: page))
            }
            if options.json { return try printJSON(entries) }
            var table = TextTable("SEQ", "TIME", "ACTOR", "ROLE", "ACTION", "TARGET", "DETAILS")
            for entry in entries {
                table.add(
                    String(entry.seq), entry.time.formatted(.iso8601), entry.actor, entry.role?.rawValue ?? "none",
                    entry.action, entry.target, Self.detailsText(entry.details))
            }
            print(table.render(empty: "No audit events."))
        }
    }

    /// Details as `key=value` pairs in key order.
    static func detailsText(_ details: [String: String]) -> String {
        details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    static func parseTime(_ text: String) throws -> Date {
        if let time = TimeSpan.start(of: text, now: Date()) { return time }
        throw ValidationError("Please give --since as a span back from now or a date, e.g. "
            + TimeSpan.examples.joined(separator: ", ") + ".")
    }
}
