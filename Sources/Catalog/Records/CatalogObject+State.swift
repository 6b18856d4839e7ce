extension CatalogObject {
    /// Whether an object's bytes are where its row places them. Raw values are what `object.state` holds.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// The bytes are in the object's tier.
        case present
        /// Being brought back from a tier that needs a restore before reading.
        case restoring
        /// Retention deleted the bytes; the row stays for lineage and tombstones.
        case deleted
    }
}
