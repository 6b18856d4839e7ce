/// What a caller asks the lake service for when it stages a version remotely (`POST /v1/stagings`):
/// ``StageOptions`` without what only the caller's side knows (the folder, connections, part size).
public struct StageRequest: Codable, Hashable, Sendable {
    /// `DATASET@N`, `DATASET@latest` or a manifest hash.
    public var version: String
    /// The training run the staging feeds; recorded once the caller reports the files in place.
    public var run: Int64?
    /// Restore archived objects first (the service queues and runs the restore); false fails with
    /// ``StageError/needsRestore(version:objects:)`` listing them.
    public var restore: Bool
    /// The tier to restore into (default: `warm`).
    public var restoreTier: String?

    public init(version: String, run: Int64? = nil, restore: Bool = true, restoreTier: String? = nil) {
        self.version = version
        self.run = run
        self.restore = restore
        self.restoreTier = restoreTier
    }
}
