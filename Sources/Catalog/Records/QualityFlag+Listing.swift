import GRDB

/// What a flag listing keeps: every condition given must hold.
public struct FlagConditions: Sendable, Hashable {
    public var state: FlagState?
    public var severity: FlagSeverity?
    public var code: String?
    public var target: String?
    public var datasetId: Int64?

    public init(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        datasetId: Int64? = nil
    ) {
        self.state = state
        self.severity = severity
        self.code = code
        self.target = target
        self.datasetId = datasetId
    }
}

extension CatalogTransaction {
    /// One page of the flags meeting `conditions`, of no dataset or of one among `datasetIds` (nil: any),
    /// sorted and filtered as `window` says; the text filter looks at the id, severity, state, code, target
    /// kind, target and note.
    public func flags(
        _ conditions: FlagConditions, among datasetIds: Set<Int64>? = nil,
        window: ListingWindow<FlagSort> = ListingWindow(sort: .id)
    ) throws -> ListingPage<QualityFlag> {
        var listing = flagListing(conditions, order: window.sort.order, descending: window.descending)
        if let datasetIds {
            listing.filter("(f.datasetId IS NULL OR \(member("f.datasetId", of: datasetIds)))", datasetIds.sorted().map { $0 })
        }
        listing.match(
            window.text,
            in: ["CAST(f.id AS TEXT)", "f.severity", "f.state", "f.code", "f.targetKind", "f.target", "f.note"],
            dialect: connection.dialect)
        return try listing.page(QualityFlag.self, selecting: "f.*", window, connection)
    }

    /// The ids of the datasets holding flags that meet `conditions`: whose read rights a listing checks.
    public func datasetIdsHoldingFlags(_ conditions: FlagConditions) throws -> Set<Int64> {
        let listing = flagListing(conditions, order: [], descending: false)
        return Set(
            try connection.fetchValues(
                Int64.self,
                "SELECT d.id FROM dataset d WHERE EXISTS (SELECT 1 \(listing.source) AND f.datasetId = d.id)",
                listing.arguments))
    }

    private func flagListing(
        _ conditions: FlagConditions, order: [ListingStatement.OrderTerm], descending: Bool
    ) -> ListingStatement {
        var listing = ListingStatement("FROM qualityFlag f WHERE true", [], order: order, descending: descending)
        if let state = conditions.state { listing.filter("f.state = ?", [state.rawValue]) }
        if let severity = conditions.severity { listing.filter("f.severity = ?", [severity.rawValue]) }
        if let code = conditions.code { listing.filter("f.code = ?", [code]) }
        if let target = conditions.target { listing.filter("f.target = ?", [target]) }
        if let datasetId = conditions.datasetId { listing.filter("f.datasetId = ?", [datasetId]) }
        return listing
    }
}
