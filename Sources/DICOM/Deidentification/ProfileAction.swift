/// What the Basic Application Level Confidentiality Profile does to one attribute (PS3.15 Table E.1-1).
///
/// The table's combined codes are reduced to the strongest action that keeps the object valid:
/// `X/Z`, `X/D` and `X/Z/D` remove, `Z/D` empties, `X/Z/U*` remaps UIDs.
public enum ProfileAction: String, Sendable, Hashable, Codable {
    /// `X`: remove the attribute.
    case remove
    /// `Z`: keep the attribute with an empty value.
    case empty
    /// `D` for patient identity: replace with the lake's keyed pseudonym.
    case pseudonym
    /// `U`: replace the UID with a keyed, deterministic `2.25.` UID, so references stay consistent.
    case remapUID
}

/// Which profile option can retain or modify an attribute instead of applying its action.
public enum ProfileRetention: String, Sendable, Hashable, Codable {
    /// No option applies: the action always runs.
    case none
    /// Dates and times: shifted under the Retain Longitudinal Temporal Information Modified Dates option.
    case temporal
    /// Device identifiers: kept under the Retain Device Identity option.
    case device
    /// Free-text descriptions: cleaned (identifiers blanked out) under the Clean Descriptors option.
    case descriptor
}

/// One attribute of the profile's table.
public struct ProfileEntry: Sendable, Hashable {
    public let tag: AttributeTag
    public let keyword: String
    public let action: ProfileAction
    public let retention: ProfileRetention
}
