import ArgumentParser
import LakeEngine

/// `medlake lifecycle apply`: queue the plan as migration jobs.
struct LifecycleApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Queue what the lifecycle rules would move now as migration jobs.")

    @OptionGroup var options: LakeOptions

    func run() throws {
        try reportingFailures {
            let jobs = try options.open().applyLifecycle()
            if options.json { return try printJSON(jobs) }
            print(jobs.isEmpty ? "Nothing to move." : migrationTable(jobs))
        }
    }
}
