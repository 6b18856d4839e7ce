/// What a holder did with the items it was handed (`POST /v1/worker/jobs/{id}/reports`).
///
/// The service switches the placement of each `moved` object, after checking that the caller still holds
/// the job and that the SHA-256 and size it computed while copying are the catalog's; only then may the
/// worker delete the source, and it reports that in a later report's `sourcesRemoved`.
public struct WorkerReport: Codable, Sendable, Hashable {
    public var holder: LeaseHolder
    /// Objects copied and verified at the destination.
    public var moved: [MovedObject]
    /// Objects that could not be moved (a hash mismatch, read errors): they stay at their sources.
    public var failed: [FailedObject]
    /// Items whose source copies the worker deleted after their switch.
    public var sourcesRemoved: [Int64]
    /// Items of ``WorkerJobClaim/unswitched`` whose destination copies the worker deleted (an earlier
    /// holder's, never switched): the service puts them back to pending and counts them as stray copies
    /// removed. Optional in a request.
    public var copiesRemoved: [Int64]

    public init(
        holder: LeaseHolder, moved: [MovedObject] = [], failed: [FailedObject] = [], sourcesRemoved: [Int64] = [],
        copiesRemoved: [Int64] = []
    ) {
        self.holder = holder
        self.moved = moved
        self.failed = failed
        self.sourcesRemoved = sourcesRemoved
        self.copiesRemoved = copiesRemoved
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        holder = try container.decode(LeaseHolder.self, forKey: .holder)
        moved = try container.decode([MovedObject].self, forKey: .moved)
        failed = try container.decode([FailedObject].self, forKey: .failed)
        sourcesRemoved = try container.decode([Int64].self, forKey: .sourcesRemoved)
        copiesRemoved = try container.decodeIfPresent([Int64].self, forKey: .copiesRemoved) ?? []
    }

    /// A verified copy: the SHA-256 and size the worker computed from the bytes it wrote.
    public struct MovedObject: Codable, Sendable, Hashable {
        public var item: Int64
        public var sha256: String
        public var size: Int64

        public init(item: Int64, sha256: String, size: Int64) {
            self.item = item
            self.sha256 = sha256
            self.size = size
        }
    }

    /// An object that could not be moved, and why.
    public struct FailedObject: Codable, Sendable, Hashable {
        public var item: Int64
        public var reason: String

        public init(item: Int64, reason: String) {
            self.item = item
            self.reason = reason
        }
    }
}

/// How many placements a report switched.
public struct WorkerReportAnswer: Codable, Sendable, Hashable {
    public var switched: Int

    public init(switched: Int) {
        self.switched = switched
    }
}
