/// How much a quality flag matters: blocking flags stop promotion until resolved or waived.
public enum FlagSeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case info
    case warning
    case blocking
}

/// Where a quality flag stands.
public enum FlagState: String, Sendable, Hashable, CaseIterable, Codable {
    case open
    case resolved
    case waived
}
