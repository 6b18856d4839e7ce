import ArgumentParser
import LakeEngine

/// `medlake migrate resume ID`.
struct MigrateResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused job, or retry a failed one.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() throws {
        try reportingFailures {
            let job = try options.open().resumeMigration(id: id)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
