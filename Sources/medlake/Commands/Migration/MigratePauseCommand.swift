import ArgumentParser
import LakeEngine

/// `medlake migrate pause ID`.
struct MigratePauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a job (a running one stops within a second).")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() throws {
        try reportingFailures {
            let job = try options.open().pauseMigration(id: id)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
