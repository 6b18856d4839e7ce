import ArgumentParser
import Foundation
import LakeEngine

/// `medlake label DATASET --sensitivity restricted --consent research,ai-training`.
struct LabelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Set a dataset's sensitivity label and consent scope.",
        discussion: "Labels: public, internal, restricted and those [governance] labels adds. Needs curator or admin.")

    @OptionGroup var options: LakeOptions

    @Argument(help: "The dataset.")
    var dataset: String

    @Option(help: "The sensitivity label.")
    var sensitivity: String?

    @Option(help: "Comma-separated uses the patients consented to (e.g. research,ai-training).")
    var consent: String?

    func validate() throws {
        if sensitivity == nil, consent == nil {
            throw ValidationError("Please give --sensitivity, --consent or both.")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let consentScope = consent.map { text in
                text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let updated = try await options.api().label(
                DatasetLabels(dataset: dataset, sensitivity: sensitivity, consentScope: consentScope))
            if options.json { return try printJSON(updated) }
            print(
                "\(safe(updated.dataset)): sensitivity \(safe(updated.sensitivity ?? "")), "
                    + "consent '\(safe((updated.consentScope ?? []).joined(separator: ",")))'.")
        }
    }
}
