/// What a reviewer walks through below the series: its instances, and the record that they looked at one
/// (the workbench's "reviewed, next" key), so the audit log shows what was seen as well as what was
/// flagged.
public protocol ReviewOperations: Sendable {
    /// The instances of one series, in instance number order. A restricted dataset needs a reading role
    /// or a grant.
    func instances(_ query: InstanceQuery) async throws -> Page<InstanceOverview>
    /// Records that the caller reviewed `review.target` (a series, study, sample…) without raising a flag:
    /// an audit event `qc.review`. Needs a role that may add flags.
    func recordReview(_ review: NewReview) async throws -> ReviewReceipt
}

/// One instance of a series, as a reviewer's list shows it.
public struct InstanceOverview: Codable, Sendable, Hashable {
    public var sopInstanceUID: String
    public var instanceNumber: Int?
    public var rows: Int?
    public var columns: Int?
    public var transferSyntaxUID: String?

    public init(sopInstanceUID: String, instanceNumber: Int?, rows: Int?, columns: Int?, transferSyntaxUID: String?) {
        self.sopInstanceUID = sopInstanceUID
        self.instanceNumber = instanceNumber
        self.rows = rows
        self.columns = columns
        self.transferSyntaxUID = transferSyntaxUID
    }
}

/// What ``ReviewOperations/instances(_:)`` lists: one series of one dataset, a page at a time.
public struct InstanceQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var series: String
    public var page: PageRequest

    public init(dataset: String, series: String, page: PageRequest = .first) {
        self.dataset = dataset
        self.series = series
        self.page = page
    }
}

/// A review to record: what was looked at.
public struct NewReview: Codable, Sendable, Hashable {
    /// A series or study UID, a sample name, a file hash: anything `medlake show` finds.
    public var target: String

    public init(target: String) {
        self.target = target
    }
}

/// A recorded review: its target, by whom.
public struct ReviewReceipt: Codable, Sendable, Hashable {
    public var target: String
    public var reviewer: String

    public init(target: String, reviewer: String) {
        self.target = target
        self.reviewer = reviewer
    }
}

// MARK: - In-process

extension Lake {
    public func instances(_ query: InstanceQuery) throws -> Page<InstanceOverview> {
        let all = try instances(dataset: query.dataset, seriesUID: query.series).map { instance in
            InstanceOverview(
                sopInstanceUID: instance.sopInstanceUID, instanceNumber: instance.instanceNumber, rows: instance.rows,
                columns: instance.columns, transferSyntaxUID: instance.transferSyntaxUID)
        }
        return Page(slicing: all, query.page)
    }

    public func recordReview(_ review: NewReview) throws -> ReviewReceipt {
        try recordReview(target: review.target)
        return ReviewReceipt(target: review.target, reviewer: actor.user)
    }
}
