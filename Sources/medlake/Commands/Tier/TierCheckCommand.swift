import ArgumentParser
import Foundation
import LakeEngine
import Storage
import TUI

/// `medlake tier check TIER`: reachability, credentials, bucket and a write/read/delete probe.
struct TierCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that an S3 tier is reachable and usable.",
        discussion: """
            Lists the bucket (endpoint answers, credentials accepted, bucket exists), then writes, reads back \
            and deletes a small probe object under the tier's prefix. Exits 1 when a step fails. Needs the \
            operator or admin role. Credentials come from the tier's credentials_file or the environment of \
            whoever opens the lake (the lake service, for a served lake) and are never printed.
            """
    )

    @OptionGroup var options: LakeOptions

    @Argument(help: "The tier's name in lake.toml.")
    var tier: String

    func run() async throws {
        var failed = false
        try await reportingFailures {
            let check = try await options.api().checkTier(named: tier)
            failed = !check.passed
            if options.json {
                try printJSON(check.steps)
            } else {
                for step in check.steps {
                    print("\(step.passed ? "ok  " : "FAIL") \(step.name.rawValue): \(SafeText(step.detail).text)")
                }
            }
        }
        if failed { throw ExitCode.failure }
    }
}
