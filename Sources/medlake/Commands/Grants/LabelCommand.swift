import ArgumentParser
import LakeEngine

/// `medlake label DATASET --sensitivity restricted --consent research,ai-training`.
struct LabelCommand: ParsableCommand {
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

    func run() throws {
        try reportingFailures {
            let updated = try options.open().labelDataset(dataset, sensitivity: sensitivity, consentScope: consent)
            if options.json { return try printJSON(updated) }
            print("\(safe(updated.name)): sensitivity \(safe(updated.sensitivity)), consent '\(safe(updated.consentScope))'.")
        }
    }
}
