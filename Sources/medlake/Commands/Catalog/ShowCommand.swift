import ArgumentParser
import Foundation
import LakeEngine

/// `medlake show ID`: describe one thing in the catalog.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what a UID, sample, dataset or object hash is, where it lives, its flags and history.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "A SOP Instance, Series or Study UID, a sample or dataset name, or an object's SHA-256.")
    var id: String

    func run() async throws {
        try await reportingFailures {
            let entries = try await options.api().show(id)
            if options.json { return try printJSON(entries) }
            print(entries.map(Self.render).joined(separator: "\n\n"))
        }
    }

    static func render(_ entry: CatalogEntry) -> String {
        var lines = ["\(entry.kind.rawValue) \(safe(entry.id))" + (entry.dataset.map { " in dataset \(safe($0))" } ?? "")]
        let width = entry.fields.map(\.name.count).max() ?? 0
        for field in entry.fields {
            lines.append("  " + field.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + safe(field.value))
        }
        if !entry.objects.isEmpty {
            lines.append("objects (\(entry.objects.count)):")
            for object in entry.objects.prefix(10) {
                lines.append("  \(object.sha256)  \(byteCount(object.size))  \(safe(object.tier)) \(object.state)  \(safe(object.path))")
            }
            if entry.objects.count > 10 { lines.append("  … and \(entry.objects.count - 10) more (see --json)") }
        }
        lines.append("flags (\(entry.flags.count)):")
        for flag in entry.flags.prefix(20) {
            lines.append("  #\(flag.id ?? 0) \(flag.severity) \(flag.state) \(safe(flag.code)) on \(safe(flag.target)): \(safe(flag.note))")
        }
        lines.append("history:")
        for event in entry.history {
            let time = Date(timeIntervalSince1970: Double(event.time) / 1000).formatted(.iso8601)
            lines.append("  \(time)  \(safe(event.actor)) (\(safe(event.role)))  \(safe(event.action))  \(safe(event.details))")
        }
        return lines.joined(separator: "\n")
    }
}
