/// The outcome of re-hashing every object a manifest names, wherever it lives now.
public struct ManifestVerification: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Sendable {
        /// Present, readable and its bytes hash to the manifest's SHA-256.
        case ok
        /// No tier holds the object (or the catalog does not know it).
        case missing
        /// The bytes no longer hash to the manifest's SHA-256.
        case corrupt
        /// In a tier that needs a restore before reads (or restoring now).
        case needsRestore = "needs-restore"
        /// Deleted on purpose by a retention policy; ``Problem/location`` names the rule, the date and the
        /// approvers from its tombstone.
        case deletedByRetention = "deleted-by-retention"
    }

    public struct Problem: Codable, Hashable, Sendable {
        public var path: String
        public var sha256: String
        public var status: Status
        /// Where the object was looked for or found.
        public var location: String
    }

    /// The manifest's id.
    public var manifest: String
    /// True when the manifest's bytes hash to its id (stored or given file).
    public var manifestIntact: Bool
    public var entryCount: Int
    public var okCount: Int
    /// Every entry that is not ok.
    public var problems: [Problem]

    public var isIntact: Bool { manifestIntact && problems.isEmpty }
}
