import Catalog

/// Everything the catalog knows about one thing, for `medlake show`: what it is, its fields, where its
/// bytes live, its flags and its history.
public struct CatalogEntry: Sendable, Codable, Hashable {
    public var kind: Kind
    /// The canonical id: UID, sample name, dataset name or object hash.
    public var id: String
    /// The dataset it belongs to, when it belongs to one.
    public var dataset: String?
    /// Named values, in display order.
    public var fields: [Field]
    /// Objects holding its bytes and where they are.
    public var objects: [ObjectLocation]
    public var flags: [QualityFlag]
    /// Audit events that name it (or, for contents, its dataset), newest last.
    public var history: [AuditEvent]

    /// What an entry describes.
    public enum Kind: String, Sendable, Codable, Hashable {
        case dataset, study, series, instance, sample, object
    }

    public struct Field: Sendable, Codable, Hashable {
        public var name: String
        public var value: String
    }

    public struct ObjectLocation: Sendable, Codable, Hashable {
        public var sha256: String
        public var size: Int64
        public var tier: String
        public var state: CatalogObject.State
        /// The object's file in its tier.
        public var path: String
    }
}
