/// The outcome of a staging: every file of the version is in ``directory`` with verified bytes, and the
/// manifest beside them.
public struct StageReport: Codable, Hashable, Sendable {
    /// `DATASET@N`.
    public var version: String
    public var manifest: String
    /// The folder (absolute).
    public var directory: String
    /// Where the manifest was written (``StageLayout/manifestName`` in the folder).
    public var manifestPath: String
    public var files: Int
    public var bytes: Int64
    /// Files per method, by ``StageMethod`` raw value.
    public var methods: [String: Int]
    /// Objects restored from archive tiers before staging.
    public var restoredObjects: Int64
    /// The training run the staging was bound to.
    public var run: Int64?
}
