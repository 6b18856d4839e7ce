import Catalog

/// What ``FlagOperations/flags(_:)`` lists: filters, order and page.
public struct FlagQuery: Codable, Sendable, Hashable {
    public var state: FlagState?
    public var severity: FlagSeverity?
    public var code: String?
    public var target: String?
    public var dataset: String?
    /// Oldest first unless set.
    public var newestFirst: Bool
    public var page: PageRequest

    public init(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        dataset: String? = nil, newestFirst: Bool = false, page: PageRequest = .first
    ) {
        self.state = state
        self.severity = severity
        self.code = code
        self.target = target
        self.dataset = dataset
        self.newestFirst = newestFirst
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
