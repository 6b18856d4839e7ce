import Catalog

/// What a reviewer walks through below the series and the sample: a series' instances, a sample's files,
/// one of either read from its tier, and the record that they looked at one (the workbench's "reviewed,
/// next" key), so the audit log shows what was seen as well as what was flagged.
public protocol ReviewOperations: Sendable {
    /// The instances of one series, filtered, sorted (by instance number unless asked) and paged by the
    /// engine. A restricted dataset needs a reading role or a grant.
    func instances(_ query: InstanceQuery) async throws -> Page<InstanceOverview>
    /// One instance read from its tier: its tag tree and first frame (the workbench's tags and preview).
    /// A restricted dataset needs a reading role or a grant; the read is recorded as an access. Tag text is
    /// file data as is: whoever shows it sanitizes it.
    func inspectInstance(_ query: InstanceInspectionQuery) async throws -> InstanceInspection
    /// The genomic files of one sample, by format then path, with where their bytes are. A restricted
    /// dataset needs a reading role or a grant.
    func genomicFiles(_ query: GenomicFileQuery) async throws -> Page<GenomicFileEntry>
    /// One genomic file read from its tier: its header and integrity (every record too with `streaming`)
    /// next to what ingest stored, and the flags on it or its sample. The read is recorded as an access;
    /// header text is file data as is, which whoever shows it sanitizes.
    func inspectGenomicFile(_ query: GenomicFileInspectionQuery) async throws -> GenomicFileInspection
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

/// What ``ReviewOperations/instances(_:)`` lists: one series of one dataset, filtered, sorted and paged by
/// the engine.
public struct InstanceQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var series: String
    public var sort: InstanceSort
    public var descending: Bool
    /// Only instances whose number, SOP Instance UID or transfer syntax UID holds this text, ignoring ASCII
    /// case.
    public var text: String?
    public var page: PageRequest

    public init(
        dataset: String, series: String, sort: InstanceSort = .number, descending: Bool = false, text: String? = nil,
        page: PageRequest = .first
    ) {
        self.dataset = dataset
        self.series = series
        self.sort = sort
        self.descending = descending
        self.text = text
        self.page = page
    }
}

/// What ``ReviewOperations/inspectInstance(_:)`` reads: one instance of one dataset.
public struct InstanceInspectionQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var sopInstanceUID: String

    public init(dataset: String, sopInstanceUID: String) {
        self.dataset = dataset
        self.sopInstanceUID = sopInstanceUID
    }
}

/// What ``ReviewOperations/genomicFiles(_:)`` lists: one sample of one dataset, a page at a time.
public struct GenomicFileQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var sample: String
    public var page: PageRequest

    public init(dataset: String, sample: String, page: PageRequest = .first) {
        self.dataset = dataset
        self.sample = sample
        self.page = page
    }
}

/// What ``ReviewOperations/inspectGenomicFile(_:)`` reads: one file of a sample, by its SHA-256, its
/// header only or (`streaming`) every record.
public struct GenomicFileInspectionQuery: Codable, Sendable, Hashable {
    public var dataset: String
    public var sample: String
    public var sha256: String
    public var streaming: Bool

    public init(dataset: String, sample: String, sha256: String, streaming: Bool = false) {
        self.dataset = dataset
        self.sample = sample
        self.sha256 = sha256
        self.streaming = streaming
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
        let window = ListingWindow(sort: query.sort, descending: query.descending, text: query.text, query.page)
        return Page(try instances(dataset: query.dataset, seriesUID: query.series, window: window)) { instance in
            InstanceOverview(
                sopInstanceUID: instance.sopInstanceUID, instanceNumber: instance.instanceNumber, rows: instance.rows,
                columns: instance.columns, transferSyntaxUID: instance.transferSyntaxUID)
        }
    }

    public func inspectInstance(_ query: InstanceInspectionQuery) throws -> InstanceInspection {
        try inspectInstance(dataset: query.dataset, sopInstanceUID: query.sopInstanceUID)
    }

    public func genomicFiles(_ query: GenomicFileQuery) throws -> Page<GenomicFileEntry> {
        Page(slicing: try genomicFiles(dataset: query.dataset, sample: query.sample), query.page)
    }

    public func inspectGenomicFile(_ query: GenomicFileInspectionQuery) throws -> GenomicFileInspection {
        try inspectGenomicFile(
            dataset: query.dataset, sample: query.sample, sha256: query.sha256, streaming: query.streaming)
    }

    public func recordReview(_ review: NewReview) throws -> ReviewReceipt {
        try recordReview(target: review.target)
        return ReviewReceipt(target: review.target, reviewer: actor.user)
    }
}
