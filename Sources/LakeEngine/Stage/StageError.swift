import Catalog

/// Why a staging stopped. The folder then holds no manifest, so nothing half-staged passes for complete;
/// files already verified stay and a rerun keeps them.
public enum StageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An object of the version that a staging needs.
    public struct Object: Hashable, Sendable, Codable {
        /// The manifest path.
        public var path: String
        public var sha256: String
        /// Where it is (a tier name) or was looked for.
        public var location: String
    }

    /// Objects sit in tiers that need a restore and the caller asked for none (`--no-restore`).
    case needsRestore(version: String, objects: [Object])
    /// An object's bytes do not hash to the manifest's SHA-256 (or have another size).
    case corruptSource(Object)
    /// No tier holds the object.
    case missingSource(Object)
    /// A manifest path that would land outside the folder or on the manifest itself.
    case unsafePath(String)
    /// The run given with `--run` was recorded on another manifest.
    case runOnOtherManifest(run: Int64, runManifest: String, version: String)
    /// The restore job did not finish.
    case restoreFailed(job: Int64, state: MigrationJobState, error: String?)
    /// A path in the folder is in the way (a folder where a file must go).
    case destinationInUse(String)
    /// The lake service's plan for a remote staging does not fit its own manifest (the manifest does not
    /// hash to the version's id, or the files do not match its entries); nothing was fetched.
    case untrustedPlan(version: String, reason: String)

    public var description: String {
        switch self {
        case .needsRestore(let version, let objects):
            "\(objects.count) objects of \(version) need a restore before staging (run without --no-restore, or "
                + "`medlake restore \(version) --to warm` and `medlake worker`): "
                + objects.map { "\($0.path) (\($0.sha256.prefix(12)), tier \($0.location))" }.joined(separator: ", ")
        case .corruptSource(let object):
            "\(object.path): the object \(object.sha256) in \(object.location) does not match its SHA-256; "
                + "nothing was staged under that name (run `medlake manifest verify`)"
        case .missingSource(let object):
            "\(object.path): no tier holds object \(object.sha256) (looked in \(object.location))"
        case .unsafePath(let path): "manifest path '\(path)' would be staged outside the folder; refusing"
        case .runOnOtherManifest(let run, let runManifest, let version):
            "run \(run) trained on manifest \(runManifest.prefix(12)), not on \(version)"
        case .restoreFailed(let job, let state, let error):
            "restore job \(job) ended \(state)" + (error.map { ": \($0)" } ?? "")
        case .destinationInUse(let path): "\(path) is in the way (not a regular file)"
        case .untrustedPlan(let version, let reason):
            "the lake service's plan to stage \(version) cannot be trusted (\(reason)); nothing was fetched"
        }
    }
}
