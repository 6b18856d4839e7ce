/// What the Basic Application Level Confidentiality Profile does to one attribute (PS3.15 Table E.1-1).
///
/// The table's combined codes are reduced to the strongest action that keeps the object valid:
/// `X/Z`, `X/D` and `X/Z/D` remove, `Z/D` empties, `X/Z/U*` keeps the sequence and remaps the UIDs in its
/// items.
public enum ProfileAction: String, Sendable, Hashable, Codable {
    /// `X`: remove the attribute.
    case remove
    /// `Z`: keep the attribute with an empty value (a sequence with no items).
    case empty
    /// `D`: replace the value with a dummy consistent with its VR (a sequence keeps no items).
    case dummy
    /// `Z` for the patient's name and id: MedLake's dummy is the lake's keyed pseudonym, so one patient's
    /// studies stay linked without naming them.
    case pseudonym
    /// `U` (and `X/Z/U*` on sequences): replace UIDs with keyed, deterministic `2.25.` UIDs, so references
    /// stay consistent.
    case remapUID

    /// The action for a Basic Profile code as the table writes it (`X`, `Z/D`, `X/Z/U*`…).
    init?(code: String) {
        switch code {
        case "X", "X/Z", "X/D", "X/Z/D": self = .remove
        case "Z", "Z/D": self = .empty
        case "D": self = .dummy
        case "U", "X/Z/U*": self = .remapUID
        default: return nil
        }
    }
}

/// A profile option of Table E.1-1: one column besides the Basic Profile.
public enum ProfileOption: String, Sendable, Hashable, Codable, CaseIterable {
    case retainSafePrivate = "priv"
    case retainUIDs = "uid"
    case retainDeviceIdentity = "dev"
    case retainInstitutionIdentity = "inst"
    case retainPatientCharacteristics = "pat"
    case retainLongitudinalFullDates = "full"
    case retainLongitudinalModifiedDates = "mod"
    case cleanDescriptors = "desc"
    case cleanStructuredContent = "struct"
    case cleanGraphics = "graph"
}

/// What an option column says for one attribute.
public enum OptionAction: String, Sendable, Hashable, Codable {
    /// `K`: keep the attribute unchanged.
    case keep = "K"
    /// `C`: clean it (shift dates; blank identifying words out of text).
    case clean = "C"
    /// `X`: remove it even under the option.
    case remove = "X"
}

/// One attribute of the profile's table.
public struct ProfileEntry: Sendable, Hashable {
    public let tag: AttributeTag
    public let keyword: String
    /// The attribute's name as the table prints it.
    public let name: String
    /// The Basic Profile code as the table writes it (`X/Z/D`…).
    public let code: String
    public let action: ProfileAction
    /// The option columns that say something for this attribute.
    public let options: [ProfileOption: OptionAction]
}

/// One row of the generated table (see `Scripts/generate-confidentiality-profile.py`).
struct ProfileRow: Sendable {
    let tag: UInt32
    /// Bits of `tag` that must match: all of them except in repeating groups such as (60xx,3000).
    let mask: UInt32
    let basic: String
    let options: String
    let keyword: String
    let name: String

    init(_ tag: UInt32, _ mask: UInt32, _ basic: String, _ options: String, _ keyword: String, _ name: String) {
        self.tag = tag
        self.mask = mask
        self.basic = basic
        self.options = options
        self.keyword = keyword
        self.name = name
    }

    var entry: ProfileEntry? {
        guard var action = ProfileAction(code: basic) else { return nil }
        if tag == AttributeTag.patientName.rawValue || tag == AttributeTag.patientID.rawValue { action = .pseudonym }
        var columns: [ProfileOption: OptionAction] = [:]
        for pair in options.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let option = ProfileOption(rawValue: String(parts[0])),
                let value = OptionAction(rawValue: String(parts[1]))
            else { continue }
            columns[option] = value
        }
        return ProfileEntry(
            tag: AttributeTag(rawValue: tag), keyword: keyword, name: name, code: basic, action: action,
            options: columns)
    }
}
