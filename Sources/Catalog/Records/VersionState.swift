/// Whether a version is the dataset's working draft or a published, immutable one. Raw values are what
/// `datasetVersion.state` holds.
public enum VersionState: String, Codable, Sendable, Hashable, CaseIterable {
    /// The dataset's working version: ingest adds files to it.
    case draft
    /// Sealed: its manifest names every member and never changes.
    case published
}
