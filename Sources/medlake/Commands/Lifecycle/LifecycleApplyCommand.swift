import ArgumentParser
import LakeEngine

/// `medlake lifecycle apply`: queue the plan as migration jobs.
struct LifecycleApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Queue what the lifecycle rules would move now as migration jobs.")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let jobs = try await options.api().applyLifecycle()
            if options.json { return try printJSON(jobs) }
            print(jobs.isEmpty ? "Nothing to move." : migrationTable(jobs))
        }
    }
}
