import Catalog

/// What ``FlagOperations/flags(_:)`` lists: filters, order and page.
public struct FlagQuery: Codable, Sendable, Hashable {
    public var state: FlagState?
    public var severity: FlagSeverity?
    public var code: String?
    public var target: String?
    public var dataset: String?
    /// In the order flags were raised unless set.
    public var sort: FlagSort
    public var descending: Bool
    /// Only flags whose id, severity, state, code, target kind, target or note holds this text, ignoring ASCII
    /// case.
    public var text: String?
    public var page: PageRequest

    public init(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        dataset: String? = nil, sort: FlagSort = .id, descending: Bool = false, text: String? = nil,
        page: PageRequest = .first
    ) {
        self.state = state
        self.severity = severity
        self.code = code
        self.target = target
        self.dataset = dataset
        self.sort = sort
        self.descending = descending
        self.text = text
        self.page = page
    }

    /// The engine's filter for the same flags.
    var filter: FlagFilter {
        FlagFilter(state: state, severity: severity, code: code, target: target, dataset: dataset)
    }
}

/// What ``FlagOperations/flagVocabulary(_:)`` lists: every code of the lake's vocabulary, or those for one
/// kind of target.
public struct FlagCodeQuery: Codable, Sendable, Hashable {
    /// Nil: every code.
    public var kind: FlagTargetKind?

    public init(kind: FlagTargetKind? = nil) {
        self.kind = kind
    }
}
