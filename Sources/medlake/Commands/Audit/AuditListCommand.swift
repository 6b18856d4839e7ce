import ArgumentParser
import Foundation
import LakeEngine

/// `medlake audit list`: print audit events.
struct AuditListCommand: ParsableCommand {
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

    func run() throws {
        try reportingFailures {
            let events = try options.open().auditEvents(AuditFilter(actor: actor, action: action, since: since))
            if options.json { return try printJSON(events) }
            var table = TextTable("SEQ", "TIME", "ACTOR", "ROLE", "ACTION", "TARGET", "DETAILS")
            for event in events {
                let time = Date(timeIntervalSince1970: Double(event.time) / 1000).formatted(.iso8601)
                table.add(String(event.seq), time, event.actor, event.role, event.action, event.target, event.details)
            }
            print(table.render(empty: "No audit events."))
        }
    }

    static func parseTime(_ text: String) throws -> Date {
        if let time = TimeSpan.start(of: text, now: Date()) { return time }
        throw ValidationError("Please give --since as a span back from now or a date, e.g. "
            + TimeSpan.examples.joined(separator: ", ") + ".")
    }
}
