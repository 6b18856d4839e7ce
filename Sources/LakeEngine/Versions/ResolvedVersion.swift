import Catalog

/// A published version found by reference, with its stored manifest.
struct ResolvedVersion: Sendable {
    var dataset: Dataset
    var version: DatasetVersion
    var record: VersionManifest
    var manifest: Manifest

    var reference: String { "\(dataset.name)@\(version.number)" }
}
