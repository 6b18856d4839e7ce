/// A manifest entry with the catalog object it names.
struct VersionMember: Sendable, Hashable {
    var entry: ManifestEntry
    var objectId: Int64
}
