import ArgumentParser
import Foundation
import LakeEngine

/// `medlake explain OBJECT|DATASET@VERSION`.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an object or version: ingest, transforms, versions and runs holding it, derived outputs, de-identification.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "An object's SHA-256, a SOP Instance UID, or DATASET@VERSION.")
    var id: String

    func run() async throws {
        try await reportingFailures {
            let explanation = try await options.api().explain(id)
            if options.json { return try printJSON(explanation) }
            print(Self.render(explanation))
        }
    }

    static func render(_ explanation: Explanation) -> String {
        var lines = ["\(explanation.kind.rawValue) \(safe(explanation.id))"]
        if let object = explanation.object {
            lines.append("  \(byteCount(object.size)) in \(safe(object.tier)) (\(object.state))  \(safe(explanation.location ?? ""))")
        }
        lines.append("ingested:")
        for ingest in explanation.ingests {
            lines.append("  \(safe(ingest.dataset)) \(safe(ingest.path)) at \(ingest.ingestedAt.formatted(.iso8601)) by "
                + ingest.actors.map(safe).joined(separator: ", "))
        }
        if !explanation.madeFrom.isEmpty { lines.append("made from:") }
        for edge in explanation.madeFrom.prefix(20) {
            lines.append("  \(edge.source.prefix(16)) → \(edge.derived.prefix(16)) by \(safe(edge.transform?.name ?? "?")) "
                + "\(safe(edge.transform?.toolVersion ?? "")) in \(safe(edge.version)) (promotion \(edge.promotion))")
        }
        if !explanation.derivedOutputs.isEmpty { lines.append("derived outputs:") }
        for edge in explanation.derivedOutputs {
            lines.append("  \(edge.derived) in \(safe(edge.version)) by \(safe(edge.transform?.name ?? "?"))  \(safe(edge.location))")
        }
        lines.append("versions:")
        for version in explanation.versions {
            lines.append("  \(safe(version.version)) \(safe(version.zone)) manifest \(version.manifest.prefix(16))"
                + (version.transforms.isEmpty ? "" : " transforms \(safe(version.transforms.joined(separator: ",")))"))
            for promotion in version.promotions { lines.append("    \(safe(promotion))") }
            for run in version.runs {
                lines.append("    run \(run.id ?? 0) recorded by \(safe(run.recordedBy))")
                lines += RunText.contextLines(RunContext(run)).map { "      " + $0 }
                lines += version.stagings.filter { $0.runId == run.id }.map { "      " + RunText.stagingLine($0) }
            }
        }
        if let deid = explanation.deidentification {
            lines.append("de-identification:")
            lines.append("  recorded: " + (deid.recorded.map { safe("\($0.name) \($0.toolVersion) options \($0.parameters["options"] ?? "") key \($0.parameters["key_id"] ?? "")") } ?? "none"))
            lines.append("  present now: PatientIdentityRemoved=\(safe(deid.patientIdentityRemoved ?? "absent")), "
                + "method '\(safe(deid.method ?? ""))', \(deid.privateAttributes) private attribute(s), "
                + (deid.findings.isEmpty ? "no identifying attributes found" : "\(deid.findings.count) finding(s)"))
            for finding in deid.findings.prefix(10) { lines.append("    \(safe(finding.description))") }
        }
        return lines.joined(separator: "\n")
    }
}
