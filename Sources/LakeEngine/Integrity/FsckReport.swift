/// What ``Lake/fsck(full:repair:orphanGrace:)`` found in a lake, and what it removed.
public struct FsckReport: Sendable, Hashable, Codable {
    /// Catalog objects checked against their tiers.
    public var objectsChecked: Int
    /// True when every object was also re-hashed (`--full`).
    public var full: Bool
    /// Problems found (after a repair: those still there).
    public var findings: [FsckFinding]
    /// Garbage a repair removed.
    public var repaired: [FsckFinding]

    /// True when nothing is wrong.
    public var isClean: Bool { findings.isEmpty }
}

/// One problem ``Lake/fsck(full:repair:orphanGrace:)`` found.
public struct FsckFinding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A catalog object is not in the tier the catalog places it in.
        case missingObject
        /// A catalog object's file has another size than the catalog's.
        case wrongSize
        /// A catalog object's bytes do not hash to its name (`--full`).
        case damagedObject
        /// An object file no catalog row places in that tier.
        case orphan
        /// An in-flight file (`tmp/*.partial`).
        case temporaryFile
        /// A tier folder whose identity is missing or not this lake's.
        case tierIdentity
        /// A tier that could not be listed or reached.
        case unreachableTier
        /// The audit log's hash chain is broken.
        case auditChain
    }

    public var kind: Kind
    public var tier: String?
    /// The object's SHA-256, for object findings.
    public var object: String?
    /// The file involved, when there is one.
    public var path: String?
    public var detail: String
    /// True when `--repair` may remove it: provably garbage (a dead writer's temporary file, an orphan
    /// older than the grace period in a tier carrying this lake's identity while no migration is open).
    public var removable: Bool
}
