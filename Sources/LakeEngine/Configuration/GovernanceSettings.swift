import DICOM

/// The `[governance]` settings of `lake.toml`.
public struct GovernanceSettings: Sendable, Hashable {
    /// Roles that read `restricted` datasets without a grant.
    public var restrictedReadRoles: [Role]
    /// Sensitivity labels datasets may carry (`public`, `internal`, `restricted` and the lake's own).
    public var labels: [String]
    /// The consent use a dataset's consent scope must list to be promoted into each zone.
    public var consentUse: [String: String]
    /// De-identification options for promotions into the curated zone.
    public var deidentification: DeidentificationOptions
    /// The de-identification key file, relative to the lake folder unless absolute.
    public var keyFile: String

    /// The built-in labels, always allowed.
    public static let builtInLabels = ["public", "internal", "restricted"]
    /// The label that needs a role or a grant to read.
    public static let restrictedLabel = "restricted"
}
