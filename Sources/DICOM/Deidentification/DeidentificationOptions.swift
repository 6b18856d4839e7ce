/// The profile options a lake enables (PS3.15 Table E.1-1 option columns) and the private creators it
/// trusts.
public struct DeidentificationOptions: Sendable, Hashable, Codable {
    /// Retain Longitudinal Temporal Information with Modified Dates: dates shift by a per-patient offset
    /// instead of being removed, so intervals within a patient are kept.
    public var shiftDates: Bool
    /// Retain Device Identity: station names, serial numbers and device UIDs are kept.
    public var retainDeviceIdentity: Bool
    /// Clean Descriptors: descriptions are kept with the patient's names and identifiers blanked out.
    public var cleanDescriptors: Bool
    /// Private creators whose blocks carry no identifying data and are kept (Retain Safe Private).
    public var safePrivateCreators: [String]

    public init(
        shiftDates: Bool = false, retainDeviceIdentity: Bool = false, cleanDescriptors: Bool = false,
        safePrivateCreators: [String] = []
    ) {
        self.shiftDates = shiftDates
        self.retainDeviceIdentity = retainDeviceIdentity
        self.cleanDescriptors = cleanDescriptors
        self.safePrivateCreators = safePrivateCreators
    }

    /// The DeidentificationMethodCodeSequence codes (CID 7050, scheme DCM) for the profile and options.
    public var methodCodes: [(value: String, meaning: String)] {
        var codes = [("113100", "Basic Application Confidentiality Profile")]
        if cleanDescriptors { codes.append(("113105", "Clean Descriptors Option")) }
        if shiftDates { codes.append(("113107", "Retain Longitudinal Temporal Information Modified Dates Option")) }
        if retainDeviceIdentity { codes.append(("113109", "Retain Device Identity Option")) }
        if !safePrivateCreators.isEmpty { codes.append(("113111", "Retain Safe Private Option")) }
        return codes
    }

    /// The DeidentificationMethod (0012,0063) text: the profile and its options, by name.
    public var methodDescription: String {
        methodCodes.map(\.meaning).joined(separator: "; ")
    }
}
