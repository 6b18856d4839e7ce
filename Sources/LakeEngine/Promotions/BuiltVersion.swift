import Storage

/// The target version of a promotion before it is published: its members, the objects made for it
/// (staged in the tier, not yet named by any row) and how each derived object was made.
struct BuiltVersion {
    struct Derived {
        var digest: ObjectDigest
        var size: Int64
        var sourceObjectId: Int64
    }

    var entries: [ManifestEntry] = []
    /// Object ids of entries that reuse an existing object, by path.
    var existingObjects: [String: Int64] = [:]
    /// Objects made for entries, by path.
    var derived: [String: Derived] = [:]
    var staged: [StagedObject] = []
    var flags: [ManifestFlag] = []
    var transforms: [ManifestTransform] = []
    /// The transform recorded on each lineage edge.
    var edgeTransform: ManifestTransform?
}
