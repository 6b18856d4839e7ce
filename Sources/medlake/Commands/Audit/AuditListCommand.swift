import ArgumentParser
import Foundation
import LakeEngine

/// `medlake audit list`: print audit events.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit events, oldest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "Only events by this user.")
    var actor: String?

    @Option(help: "Only this action (flag.add), a family (flag: every flag.… action), or a prefix ending in '.' (flag.).")
    var action: String?

    @Option(
        help: ArgumentHelp("Only events at or after this time: a span back from now (90m, 2h, 7d) or a date "
            + "(2026-11-25, 2026-11-25T10:00:00Z)."),
        transform: AuditListCommand.parseTime)
    var since: Date?

    @Flag(help: ArgumentHelp(
        "Keep printing events as they are appended, one per line (with --json, one JSON object per line), "
            + "until interrupted."))
    var follow = false

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            if follow { return try await self.follow(lake) }
            let entries = try await entries(lake, since: since)
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

    /// The matching events at or after `since`, oldest first.
    private func entries(_ lake: any LakeAPI, since: Date?) async throws -> [AuditEntry] {
        try await allPages { page in
            try await lake.auditEntries(AuditQuery(actor: actor, action: action, since: since, page: page))
        }
    }

    /// `--follow`: the matching events so far, then each new one as the catalog changes (``ChangeFeed``).
    private func follow(_ lake: any LakeAPI) async throws {
        // Watching starts before the first read, so no event between the two is missed.
        var changes = try await lake.changes().makeAsyncIterator()
        var last: AuditEntry?
        repeat {
            // Times are whole seconds: read from the last event's second and drop what was printed.
            let fresh = try await entries(lake, since: last?.time ?? since).filter { $0.seq > last?.seq ?? 0 }
            for entry in fresh {
                if options.json {
                    try printJSONLine(entry)
                } else {
                    // Written at once (not through print's buffer), so a pipe sees each event as it comes.
                    let fields = [String(entry.seq), entry.time.formatted(.iso8601), entry.actor, entry.role?.rawValue ?? "none",
                                  entry.action, entry.target, Self.detailsText(entry.details)]
                    FileHandle.standardOutput.write(Data((fields.map(safe).joined(separator: "  ") + "\n").utf8))
                }
            }
            last = fresh.last ?? last
        } while try await changes.next() != nil
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
