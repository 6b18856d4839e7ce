/// How a listing is sorted: one column, either way, by SQL, so a sorted list of 10,000 series is read
/// in order from the catalog instead of being sorted in memory. Ties keep ingest order.
///
/// ```swift
/// let order = ListingOrder(SeriesSortKey.instanceCount, ascending: false)
/// try tx.seriesListings(datasetId: id, order: order)   // … ORDER BY s.instanceCount DESC, s.id
/// ```
public struct ListingOrder<Key: ListingSortKey>: Sendable, Hashable {
    public var key: Key
    public var ascending: Bool

    public init(_ key: Key, ascending: Bool = true) {
        self.key = key
        self.ascending = ascending
    }

    /// The `ORDER BY` terms: the key's expression, then the tie-breaker in ingest order.
    var orderBy: String {
        key.sqlExpression + (ascending ? " ASC" : " DESC") + ", " + Key.tieBreaker
    }
}

/// A column a listing can be sorted by; its SQL is fixed here, never taken from input.
public protocol ListingSortKey: Sendable, Hashable {
    /// The SQL expression sorted on.
    var sqlExpression: String { get }
    /// The last `ORDER BY` term, for a stable order among equal keys.
    static var tieBreaker: String { get }
}

/// The columns of a series listing (``SeriesListing``).
public enum SeriesSortKey: String, ListingSortKey, CaseIterable {
    case modality, bodyPart, instanceCount, description, seriesInstanceUID

    public var sqlExpression: String {
        switch self {
        case .modality: "s.modality COLLATE NOCASE"
        case .bodyPart: "s.bodyPart COLLATE NOCASE"
        case .instanceCount: "s.instanceCount"
        case .description: "s.description COLLATE NOCASE"
        case .seriesInstanceUID: "s.seriesInstanceUID"
        }
    }

    public static var tieBreaker: String { "s.id" }
}

/// The columns of an instance listing (`CatalogTransaction.instances(datasetId:seriesUID:order:)`).
public enum InstanceSortKey: String, ListingSortKey, CaseIterable {
    case instanceNumber, matrixSize, transferSyntaxUID, sopInstanceUID

    public var sqlExpression: String {
        switch self {
        case .instanceNumber: "i.instanceNumber"
        case .matrixSize: "COALESCE(i.rows, 0) * COALESCE(i.columns, 0)"
        case .transferSyntaxUID: "i.transferSyntaxUID"
        case .sopInstanceUID: "i.sopInstanceUID"
        }
    }

    public static var tieBreaker: String { "i.instanceNumber, i.sopInstanceUID" }
}
