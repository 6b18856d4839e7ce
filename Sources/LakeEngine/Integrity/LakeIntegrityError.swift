import Storage

/// A lake whose files do not belong together, or a delete that could lose the only copy of an object.
///
/// Every case is a refusal: the command stops before it writes anything, so nothing is created, forgotten
/// or deleted on the strength of a path that lies. Recovery steps are in `docs/integrity.md`.
public enum LakeIntegrityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The catalog file is missing. Only `medlake init` creates one.
    case catalogMissing(path: String)
    /// The catalog file holds no bytes (and has no write-ahead log that does).
    case catalogEmpty(path: String)
    /// The catalog names another lake than the lake folder's `lake.id` (nil: the catalog names none).
    case catalogOfAnotherLake(path: String, catalogLake: String?, lake: String)
    /// The catalog names a lake but the folder has no `lake.id`.
    case lakeIdentityMissing(path: String, catalogLake: String)
    /// The tier's folder carries another identity (nil: an identity file that cannot be read).
    case tierOfAnotherLake(tier: String, path: String, found: TierIdentity?)
    /// The tier's folder has no identity and holds objects, so it cannot be adopted (see the docs' rule).
    case tierWithoutIdentity(tier: String, path: String)
    /// Deleting the object from `tier` would delete the copy `keeper` is supposed to hold: same file.
    case sameFile(tier: String, keeper: String, path: String)
    /// The copy that should make a delete safe is missing or has the wrong size.
    case keeperCopyMissing(tier: String, keeper: String, object: String)
    /// `--rebuild-objects` found a catalog in place.
    case catalogPresent(path: String)

    public var description: String {
        switch self {
        case .catalogMissing(let path):
            "the catalog \(path) is missing; refusing to create an empty one (restore it from a backup, or rebuild it: see docs/integrity.md)"
        case .catalogEmpty(let path):
            "the catalog \(path) is empty (0 bytes); refusing to use it as a new lake (restore it from a backup, or rebuild it: see docs/integrity.md)"
        case .catalogOfAnotherLake(let path, let catalogLake, let lake):
            "the catalog \(path) belongs to "
                + (catalogLake.map { "lake \($0)" } ?? "no lake (it carries no lake id)") + ", not to this lake (\(lake))"
        case .lakeIdentityMissing(let path, let catalogLake):
            "\(path) is missing while the catalog belongs to lake \(catalogLake); if this folder is that lake, restore the file with that id"
        case .tierOfAnotherLake(let tier, let path, let found):
            "tier '\(tier)' at \(path) is "
                + (found.map { "\($0)" } ?? "marked with an unreadable identity file") + ", not this lake's tier '\(tier)'"
        case .tierWithoutIdentity(let tier, let path):
            "tier '\(tier)' at \(path) holds objects but no identity file, and cannot be adopted (an admin opening the lake adopts it when it holds every object the catalog places there)"
        case .sameFile(let tier, let keeper, let path):
            "refusing to delete \(path) from tier '\(tier)': it is the copy tier '\(keeper)' holds (same file)"
        case .keeperCopyMissing(let tier, let keeper, let object):
            "refusing to delete object \(object) from tier '\(tier)': tier '\(keeper)' does not hold a complete copy"
        case .catalogPresent(let path):
            "\(path) exists; the object table is rebuilt only into a lake whose catalog was lost"
        }
    }
}
