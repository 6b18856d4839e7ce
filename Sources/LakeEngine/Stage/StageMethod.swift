/// How one file of a staged version got its bytes.
public enum StageMethod: String, Codable, Hashable, Sendable, CaseIterable {
    /// A reflink (`FICLONE`) of the object in a filesystem tier: a new file sharing the blocks
    /// copy-on-write, so writing to it never touches the lake's object.
    case reflink
    /// A byte copy from a filesystem tier (another file system, or one without reflinks).
    case copy
    /// Ranged GETs from an S3 tier.
    case download
    /// Already in the folder from an earlier run, and its bytes still hash to the manifest's SHA-256.
    case alreadyVerified = "already-verified"
}
