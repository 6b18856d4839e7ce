/// What a job's holder asks for next (`POST /v1/worker/jobs/{id}/items`).
public struct WorkerItemsRequest: Codable, Sendable, Hashable {
    public var holder: LeaseHolder
    /// The most items to hand out.
    public var limit: Int

    public init(holder: LeaseHolder, limit: Int) {
        self.holder = holder
        self.limit = limit
    }
}

/// One object a job's holder is to move: from which tier, and the SHA-256 and size the copy must have.
public struct WorkerItem: Codable, Sendable, Hashable {
    /// The migration item's id, named again in the report.
    public var item: Int64
    public var sha256: String
    public var size: Int64
    public var fromTier: String

    public init(item: Int64, sha256: String, size: Int64, fromTier: String) {
        self.item = item
        self.sha256 = sha256
        self.size = size
        self.fromTier = fromTier
    }
}
