/// The profile options a lake enables (PS3.15 Table E.1-1 option columns) and the private creators it
/// trusts.
///
/// Clean Pixel Data, Clean Recognizable Visual Features, Clean Graphics and Clean Structured Content are
/// not offered: MedLake does not rewrite pixels, overlays or structured reports, so the Basic Profile
/// action applies to those attributes.
public struct DeidentificationOptions: Sendable, Hashable, Codable {
    /// Retain Longitudinal Temporal Information with Modified Dates: dates shift by a per-patient offset
    /// instead of being removed, so intervals within a patient are kept.
    public var shiftDates: Bool
    /// Retain Longitudinal Temporal Information with Full Dates: dates and times are kept as they are.
    /// Excludes ``shiftDates``.
    public var retainFullDates: Bool
    /// Retain Device Identity: station names, serial numbers and device UIDs are kept.
    public var retainDeviceIdentity: Bool
    /// Retain Institution Identity: institution names, addresses and departments are kept.
    public var retainInstitutionIdentity: Bool
    /// Retain Patient Characteristics: sex, age, size, weight, ethnic group, smoking and pregnancy status
    /// are kept; allergies, special needs, pre-medication and patient state are cleaned.
    public var retainPatientCharacteristics: Bool
    /// Retain UIDs: instance, series, study and frame-of-reference UIDs are kept instead of remapped.
    public var retainUIDs: Bool
    /// Clean Descriptors: descriptions are kept with the source's names, identifiers and dates blanked out
    /// (``IdentityTerms``).
    public var cleanDescriptors: Bool
    /// Private creators whose blocks carry no identifying data and are kept (Retain Safe Private).
    public var safePrivateCreators: [String]

    public init(
        shiftDates: Bool = false, retainFullDates: Bool = false, retainDeviceIdentity: Bool = false,
        retainInstitutionIdentity: Bool = false, retainPatientCharacteristics: Bool = false,
        retainUIDs: Bool = false, cleanDescriptors: Bool = false, safePrivateCreators: [String] = []
    ) {
        self.shiftDates = shiftDates
        self.retainFullDates = retainFullDates
        self.retainDeviceIdentity = retainDeviceIdentity
        self.retainInstitutionIdentity = retainInstitutionIdentity
        self.retainPatientCharacteristics = retainPatientCharacteristics
        self.retainUIDs = retainUIDs
        self.cleanDescriptors = cleanDescriptors
        self.safePrivateCreators = safePrivateCreators
    }

    /// The option columns of Table E.1-1 these options enable.
    public var enabled: Set<ProfileOption> {
        var options: Set<ProfileOption> = []
        if shiftDates { options.insert(.retainLongitudinalModifiedDates) }
        if retainFullDates { options.insert(.retainLongitudinalFullDates) }
        if retainDeviceIdentity { options.insert(.retainDeviceIdentity) }
        if retainInstitutionIdentity { options.insert(.retainInstitutionIdentity) }
        if retainPatientCharacteristics { options.insert(.retainPatientCharacteristics) }
        if retainUIDs { options.insert(.retainUIDs) }
        if cleanDescriptors { options.insert(.cleanDescriptors) }
        if !safePrivateCreators.isEmpty { options.insert(.retainSafePrivate) }
        return options
    }

    /// What the enabled options say for `entry`: keep wins over clean, clean over remove; nil when no
    /// enabled option has an action for it (the Basic Profile action applies).
    public func optionAction(for entry: ProfileEntry) -> (option: ProfileOption, action: OptionAction)? {
        let applicable = enabled.compactMap { option in entry.options[option].map { (option, $0) } }
        for wanted in [OptionAction.keep, .clean, .remove] {
            if let match = applicable.sorted(by: { $0.0.rawValue < $1.0.rawValue }).first(where: { $0.1 == wanted }) {
                return match
            }
        }
        return nil
    }

    /// The DeidentificationMethodCodeSequence codes (CID 7050, scheme DCM) for the profile and options.
    public var methodCodes: [(value: String, meaning: String)] {
        var codes = [("113100", "Basic Application Confidentiality Profile")]
        if cleanDescriptors { codes.append(("113105", "Clean Descriptors Option")) }
        if retainFullDates { codes.append(("113106", "Retain Longitudinal Temporal Information Full Dates Option")) }
        if shiftDates { codes.append(("113107", "Retain Longitudinal Temporal Information Modified Dates Option")) }
        if retainPatientCharacteristics { codes.append(("113108", "Retain Patient Characteristics Option")) }
        if retainDeviceIdentity { codes.append(("113109", "Retain Device Identity Option")) }
        if retainUIDs { codes.append(("113110", "Retain UIDs Option")) }
        if !safePrivateCreators.isEmpty { codes.append(("113111", "Retain Safe Private Option")) }
        if retainInstitutionIdentity { codes.append(("113112", "Retain Institution Identity Option")) }
        return codes
    }

    /// The DeidentificationMethod (0012,0063) text: the profile and its options, by name.
    public var methodDescription: String {
        methodCodes.map(\.meaning).joined(separator: "; ")
    }
}
