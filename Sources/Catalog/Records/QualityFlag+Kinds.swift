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

/// What a flag is about.
public enum FlagTargetKind: String, Codable, Sendable, Hashable, CaseIterable {
    case dataset, study, series, instance, sample, genomicFile, object
}

/// Who raised a flag: an automatic rule or a person.
public enum FlagSource: String, Codable, Sendable, Hashable, CaseIterable {
    case rule
    case person
}
