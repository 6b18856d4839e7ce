import GRDB

/// One object of a migration job: where it came from and whether it was moved.
///
/// `state` turns `done` in the same transaction that switches the object's placement, so a worker taking
/// over knows exactly which objects are finished; `sourceRemoved` records that the source copy was deleted
/// afterwards (a worker killed between the two deletes it on takeover). `publishing` marks the items of a
/// batch whose copies are being made durable under their digests at the destination, before their switch
/// commits: a worker that takes the job over (or a cancel) deletes those copies and makes them `pending`.
public struct MigrationItem: Codable, Hashable, Sendable, Identifiable {
    public var id: Int64?
    public var jobId: Int64
    public var objectId: Int64
    public var fromTier: String
    public var size: Int64
    /// `pending`, `publishing`, `done` or `failed`.
    public var state: State
    public var sourceRemoved: Bool
    public var attempts: Int64
    public var error: String?

    public init(
        id: Int64? = nil, jobId: Int64, objectId: Int64, fromTier: String, size: Int64, state: State,
        sourceRemoved: Bool = false, attempts: Int64 = 0, error: String? = nil
    ) {
        self.id = id
        self.jobId = jobId
        self.objectId = objectId
        self.fromTier = fromTier
        self.size = size
        self.state = state
        self.sourceRemoved = sourceRemoved
        self.attempts = attempts
        self.error = error
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let jobId = Column(CodingKeys.jobId)
        public static let objectId = Column(CodingKeys.objectId)
        public static let state = Column(CodingKeys.state)
        public static let sourceRemoved = Column(CodingKeys.sourceRemoved)
    }
}

// MARK: - Persistence

extension MigrationItem: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "migrationItem"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
