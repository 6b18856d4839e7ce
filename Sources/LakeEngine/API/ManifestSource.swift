/// The manifest ``ManifestOperations/verifyManifest(_:)`` checks: a published version, or a manifest
/// document's bytes.
///
/// A document travels as its bytes, never as a path: the service reads no file on a caller's behalf (a
/// path would be opened with the service's rights, not the caller's).
public enum ManifestSource: Codable, Sendable, Hashable {
    /// `DATASET@N`, `DATASET@HASHPREFIX` or `DATASET@latest`.
    case version(String)
    /// A manifest as `manifest export` wrote it; `name` labels it in messages (its file name).
    case document(name: String, bytes: [UInt8])
}

/// A published version's canonical manifest (``ManifestOperations/manifestDocument(version:)``).
public struct ManifestDocument: Codable, Sendable, Hashable {
    /// The SHA-256 of `text`: the version's id.
    public var hash: String
    /// The canonical manifest, byte for byte as the lake stored it.
    public var text: String

    public init(hash: String, text: String) {
        self.hash = hash
        self.text = text
    }
}
