import ArgumentParser

/// `medlake manifest`: canonical manifests of published versions.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Export, verify and compare version manifests.",
        subcommands: [ManifestExportCommand.self, ManifestVerifyCommand.self, ManifestDiffCommand.self]
    )
}
