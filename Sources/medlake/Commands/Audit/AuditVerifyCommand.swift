import ArgumentParser
import LakeEngine

/// `medlake audit verify`: check the hash chain.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit log's hash chain; exit 1 naming the first bad event.",
        discussion: "Record the printed head hash elsewhere: removing the newest events leaves a valid, shorter chain.")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let result = try await options.api().verifyAudit()
            if options.json {
                try printJSON(result)
            } else if let bad = result.firstBad {
                print("Audit log BROKEN at event \(bad.seq): \(bad.reason). \(result.eventCount) events before it verify.")
            } else {
                print("Audit log intact: \(result.eventCount) events, head \(result.headHash).")
            }
            if !result.isIntact { throw ExitCode.failure }
        }
    }
}
