extension MigrationItem {
    /// Where one object of a job stands. Raw values are what `migrationItem.state` holds.
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// Still to move.
        case pending
        /// A copy may be under its digest in the destination, its placement not yet switched.
        case publishing
        /// Placement switched to the destination.
        case done
        /// Could not be moved (attempts used up, or bytes that do not match their SHA-256).
        case failed
    }
}
