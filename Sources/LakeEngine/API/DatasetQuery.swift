/// What ``CatalogQueries/datasets(_:)`` lists: filters, order and page.
public struct DatasetQuery: Codable, Sendable, Hashable {
    /// Only datasets holding series of this modality.
    public var modality: String?
    /// Only datasets holding samples of this assay.
    public var assay: String?
    /// Only datasets with contents or a published version in this zone.
    public var zone: String?
    public var sort: DatasetSort
    public var descending: Bool
    /// Only datasets whose name, status, owner, a zone, a modality or an assay holds this text, ignoring case.
    public var text: String?
    public var page: PageRequest

    public init(
        modality: String? = nil, assay: String? = nil, zone: String? = nil, sort: DatasetSort = .name,
        descending: Bool = false, text: String? = nil, page: PageRequest = .first
    ) {
        self.modality = modality
        self.assay = assay
        self.zone = zone
        self.sort = sort
        self.descending = descending
        self.text = text
        self.page = page
    }
}

/// The orders datasets can be listed in; ties keep name order.
public enum DatasetSort: String, Codable, Sendable, Hashable, CaseIterable {
    case name
    case created
    case instances
    case bytes
    case openFlags
}

// MARK: - Ordering

extension DatasetSort {
    /// Whether `a` comes before `b` in this order (ascending).
    func precedes(_ a: DatasetOverview, _ b: DatasetOverview) -> Bool {
        switch self {
        case .name: a.name < b.name
        case .created: (a.createdAt, a.name) < (b.createdAt, b.name)
        case .instances: (a.instanceCount, a.name) < (b.instanceCount, b.name)
        case .bytes: (a.byteCount, a.name) < (b.byteCount, b.name)
        case .openFlags: (a.openFlagCount, a.name) < (b.openFlagCount, b.name)
        }
    }
}

// MARK: - Matching

extension DatasetOverview {
    /// Whether the name, status, owner, a zone, a modality or an assay holds `text` (nil or empty: always),
    /// ignoring case: ``DatasetQuery/text``.
    func matches(_ text: String?) -> Bool {
        guard let text, !text.isEmpty else { return true }
        return ([name, status.rawValue, owner] + zones + modalities + assays).contains {
            $0.localizedCaseInsensitiveContains(text)
        }
    }
}
