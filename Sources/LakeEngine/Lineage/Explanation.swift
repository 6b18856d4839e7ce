import Catalog
import DICOM
import Foundation

/// Everything the lake can prove about an object or a version: where it came from, what was done to it,
/// who allowed it, where it went, and whether its de-identification still holds.
public struct Explanation: Codable, Hashable, Sendable {
    public var kind: Kind

    /// What was explained.
    public enum Kind: String, Codable, Hashable, Sendable {
        case object, version
    }
    public var id: String

    /// An ingest of the object (or of the version's dataset).
    public struct Ingest: Codable, Hashable, Sendable {
        public var dataset: String
        public var path: String
        public var ingestedAt: Date
        /// Users whose `ingest` events name the dataset.
        public var actors: [String]
    }

    /// A lineage edge touching the object.
    public struct Derivation: Codable, Hashable, Sendable {
        public var source: String
        public var derived: String
        public var version: String
        public var promotion: Int64
        public var transform: ManifestTransform?
        /// Where the other end lives now (tier and path).
        public var location: String
    }

    /// A version that holds the object (or the version itself), with its promotions and runs.
    public struct Membership: Codable, Hashable, Sendable {
        public var version: String
        public var manifest: String
        public var zone: String
        public var path: String?
        public var transforms: [String]
        /// Promotions that built this version, with who requested and approved.
        public var promotions: [String]
        public var runs: [TrainingRun]
        /// Stagings of the version for those runs (`medlake stage --run`), oldest first.
        public var stagings: [RunStaging]
    }

    /// The de-identification recorded versus the tags present in the object now.
    public struct DeidentificationState: Codable, Hashable, Sendable {
        public var recorded: ManifestTransform?
        public var patientIdentityRemoved: String?
        public var method: String?
        public var privateAttributes: Int
        /// A re-scan of the object now (empty when clean).
        public var findings: [PHIFinding]
    }

    public var object: CatalogObject?
    public var location: String?
    public var ingests: [Ingest]
    /// Edges where this object was made from another.
    public var madeFrom: [Derivation]
    /// Edges where this object was the source.
    public var derivedOutputs: [Derivation]
    public var versions: [Membership]
    public var deidentification: DeidentificationState?
    /// Audit events naming the object's datasets or versions, newest last (at most 50).
    public var history: [AuditEvent]
}
