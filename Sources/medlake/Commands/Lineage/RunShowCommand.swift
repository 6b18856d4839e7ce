import ArgumentParser
import Foundation
import LakeEngine

/// `medlake run show ID`: a run, where it ran, and the versions staged for it.
struct RunShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a training run: what ran, where, and what was staged for it.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The run's id (from `medlake run record` or `run list`).")
    var id: Int64

    func run() throws {
        try reportingFailures {
            let detail = try options.open().run(id: id)
            if options.json { return try printJSON(detail) }
            var lines = [
                "run \(detail.run.id ?? 0) on \(safe(detail.version)) (manifest \(detail.run.manifestHash))",
                "recorded by \(safe(detail.run.recordedBy)) at \(detail.run.createdAt.formatted(.iso8601))",
            ]
            lines += RunText.contextLines(detail.run)
            if let parameters = Self.parameters(detail.run.parameters), !parameters.isEmpty {
                lines.append("parameters: " + parameters.sorted { $0.key < $1.key }.map { "\(safe($0.key))=\(safe($0.value))" }
                    .joined(separator: " "))
            }
            lines += detail.stagings.isEmpty ? ["no staging recorded"] : detail.stagings.map(RunText.stagingLine)
            print(lines.joined(separator: "\n"))
        }
    }

    private static func parameters(_ json: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}
