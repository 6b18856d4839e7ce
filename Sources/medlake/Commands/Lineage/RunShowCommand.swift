import ArgumentParser
import Foundation
import LakeEngine

/// `medlake run show ID`: a run, where it ran, and the versions staged for it.
struct RunShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a training run: what ran, where, and what was staged for it.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The run's id (from `medlake run record` or `run list`).")
    var id: Int64

    func run() async throws {
        try await reportingFailures {
            let run = try await options.api().trainingRun(id: id)
            if options.json { return try printJSON(run) }
            var lines = [
                "run \(run.id) on \(safe(run.version)) (manifest \(run.manifestHash))",
                "recorded by \(safe(run.recordedBy)) at \(run.createdAt.formatted(.iso8601))",
            ]
            lines += RunText.contextLines(run.context)
            if !run.parameters.isEmpty {
                lines.append("parameters: " + run.parameters.sorted { $0.key < $1.key }.map { "\(safe($0.key))=\(safe($0.value))" }
                    .joined(separator: " "))
            }
            lines += run.stagings.isEmpty ? ["no staging recorded"] : run.stagings.map(RunText.stagingLine)
            print(lines.joined(separator: "\n"))
        }
    }
}
