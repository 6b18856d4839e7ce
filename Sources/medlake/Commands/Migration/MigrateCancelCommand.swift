import ArgumentParser
import LakeEngine

/// `medlake migrate cancel ID`.
struct MigrateCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a job; every object stays in exactly one verified place.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() throws {
        try reportingFailures {
            let job = try options.open().cancelMigration(id: id)
            if options.json { return try printJSON(job) }
            print(migrationTable([job]))
        }
    }
}
