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
            and deletes a small probe object under the tier's prefix. Exits 1 when a step fails. Credentials \
            come from the tier's credentials_file or the environment and are never printed.
            """
    )

    @OptionGroup var options: LakeOptions

    @Argument(help: "The tier's name in lake.toml.")
    var tier: String

    func run() async throws {
        var failed = false
        try await reportingFailures {
            let lake = try options.open()
            let steps = try await lake.checkS3Tier(named: tier)
            failed = steps.contains { !$0.passed } || steps.count < 6
            if options.json {
                try printJSON(steps)
            } else {
                for step in steps {
                    print("\(step.passed ? "ok  " : "FAIL") \(step.name): \(SafeText(step.detail).text)")
                }
            }
        }
        if failed { throw ExitCode.failure }
    }
}
