import ArgumentParser
import Catalog
import Foundation
import LakeEngine

/// `medlake migrate`: migration jobs between tiers.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Queue, watch and control migrations between tiers.",
        subcommands: [
            MigrateStartCommand.self, MigrateListCommand.self, MigrateStatusCommand.self, MigratePauseCommand.self,
            MigrateResumeCommand.self, MigrateCancelCommand.self,
        ],
        defaultSubcommand: MigrateStartCommand.self
    )
}

/// One line per job, for human output.
func migrationTable(_ jobs: [MigrationProgress]) -> String {
    migrationTable(jobs.map(MigrationJobOverview.init))
}

/// One line per job, for human output.
func migrationTable(_ jobs: [MigrationJobOverview]) -> String {
    var table = TextTable("ID", "STATE", "REASON", "WHAT", "TO", "OBJECTS", "BYTES", "RATE", "ETA", "WORKER", "ERROR")
    for job in jobs {
        table.add(
            String(job.id), job.state.rawValue + (job.pendingControl.map { " (\($0.rawValue) requested)" } ?? ""),
            job.reason.rawValue, job.target,
            job.toTier, "\(job.objectsDone)/\(job.objectsTotal)" + (job.objectsFailed > 0 ? " (\(job.objectsFailed) failed)" : "")
                + (job.strayCopiesRemoved > 0 ? " (\(job.strayCopiesRemoved) unswitched copies removed)" : ""),
            "\(byteCount(job.bytesDone))/\(byteCount(job.bytesTotal))",
            job.state == .running ? byteCount(Int64(job.bytesPerSecond)) + "/s" : "",
            job.etaSeconds.map { "\(Int($0.rounded()))s" } ?? "", job.leaseHolder?.description ?? "",
            job.error ?? "")
    }
    return table.render(empty: "No migration jobs.")
}

extension MigrationJobState: ExpressibleByArgument {}
