import ArgumentParser
import LakeEngine

/// `medlake audit verify`: check the hash chain.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check the audit log's keyed chain, its head checkpoint, and that grants and roles have their events.",
        discussion: """
            Exits 1 naming the first bad event: an edited, deleted or re-chained event, newest events deleted \
            (the keyed head checkpoint names a later one), or a log not beginning with lake.init. Also exits 1 \
            for a grant or a role in force without its audit event. Needs the audit key (the lake's owner).
            """)

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let result = try await options.api().verifyAudit()
            if options.json {
                try printJSON(result)
            } else {
                if let bad = result.firstBad {
                    print("Audit log BROKEN at event \(bad.seq): \(safe(bad.reason)). "
                        + "\(result.eventCount) events before it verify.")
                }
                for change in result.unaudited {
                    let kind = change.kind == .roles ? "Role change" : "Grant"
                    let event = change.seq.map { " (event \($0))" } ?? ""
                    print("\(kind) without its audit event\(event): \(safe(change.reason)).")
                }
                if result.isIntact {
                    let keyed = result.keyedFrom.map { $0 > 1 ? ", keyed from event \($0)" : ", keyed" }
                    print("Audit log intact: \(result.eventCount) events\(keyed ?? ", not keyed yet"), "
                        + "head \(result.headHash).")
                }
            }
            if !result.isIntact { throw ExitCode.failure }
        }
    }
}
