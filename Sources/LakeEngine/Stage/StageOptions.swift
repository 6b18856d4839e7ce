/// How `medlake stage` fetches a version (``Lake/stage(_:to:options:progress:)``).
public struct StageOptions: Sendable {
    /// The training run the staging feeds (`--run`): it must have been recorded on the same manifest.
    public var run: Int64?
    /// Restore archived objects first (queue a restore job and run it in this process); when false, a
    /// version with archived objects fails with ``StageError/needsRestore(version:objects:)``.
    public var restore: Bool
    /// The tier to restore into; nil picks `warm` when it is readable without a restore, else the first
    /// such tier by name.
    public var restoreTier: String?
    /// Byte ranges fetched at once across all files (ranged GETs from S3 tiers, copies from folders).
    public var connections: Int
    /// Size of one ranged GET. Objects up to this size are fetched in one request and hashed while they
    /// stream; larger ones in ranges at once, then read back to hash (ranges arrive out of order).
    public var partSize: Int64
    /// Make the staged files durable before reporting success (the default): whole blocks are written
    /// straight to the disk, each file is `fdatasync`ed before it takes its name, the folders are
    /// `fsync`ed, then the manifest. `false` (`--no-sync`, for scratch space that does not outlive the
    /// machine, such as a pod's `emptyDir`) flushes nothing: every byte is still verified before its file
    /// takes its name, but after a crash of the machine (not of the process) a file, or the manifest, may
    /// be missing or hold stale bytes. A rerun hashes every file again before keeping it.
    public var sync: Bool

    public init(
        run: Int64? = nil, restore: Bool = true, restoreTier: String? = nil, connections: Int = 16,
        partSize: Int64 = 64 << 20, sync: Bool = true
    ) {
        self.run = run
        self.restore = restore
        self.restoreTier = restoreTier
        self.connections = max(1, connections)
        self.partSize = max(1 << 20, partSize)
        self.sync = sync
    }
}
