import Catalog

/// The settings of one lake, read from its `lake.toml`.
///
/// Everything a command needs to know about the lake that is not data: zones, tiers, who holds which
/// role, which QC rules run, the approval policy and the flag vocabulary. Parse it with
/// ``init(toml:path:)``; write a new lake's file with ``defaultTOML(name:owner:)``.
public struct LakeConfiguration: Sendable, Hashable {
    /// The lake's display name.
    public var name: String
    /// Zones in promotion order (`raw`, `curated`, `training`).
    public var zones: [String]
    /// The zone new datasets are created in by ingest.
    public var ingestZone: String
    /// Tiers by name.
    public var tiers: [String: TierConfiguration]
    /// The tier ingest writes objects to.
    public var ingestTier: String
    /// Users holding each role.
    public var roles: [Role: Set<String>]
    /// Automatic QC rule settings.
    public var quality: QualitySettings
    /// Promotion approval policy (enforced by the governance work that follows the catalog).
    public var approval: ApprovalPolicy
    /// The flag codes annotators and rules may use, by code.
    public var flagCodes: [String: FlagCode]
    /// Lifecycle rules in the order `lake.toml` lists them; the first rule matching an object decides.
    public var lifecycleRules: [LifecycleRule]
    /// Sensitivity labels, consent uses and de-identification options.
    public var governance: GovernanceSettings
    /// Retention policies (how long objects are kept, when they must go).
    public var retention: RetentionSettings
    /// How a version's quality score is computed, and the minimum each zone's promotions need.
    public var qualityScore: QualityScoreFormula
    /// Where the catalog lives: the SQLite file beside `lake.toml`, or PostgreSQL (`[catalog]`).
    public var catalog: CatalogSettings

    /// The roles `user` holds, in ``Role`` order.
    public func roles(of user: String) -> [Role] {
        Role.allCases.filter { roles[$0]?.contains(user) == true }
    }
}

/// One storage tier: where its objects live and what using it costs.
public struct TierConfiguration: Sendable, Hashable {
    public var name: String
    /// Folder of the tier; relative paths are relative to the lake folder.
    public var path: String
    /// Copy throttle for migrations, in MB/s; nil means unlimited.
    public var bandwidthLimitMBps: Double?
    /// True when reads need a restore first (archive tiers).
    public var restoreRequired: Bool
    /// Storage cost, for lifecycle planning.
    public var costPerGBMonth: Double
    /// The bucket settings of a `kind = "s3"` tier; nil for a filesystem tier (whose ``path`` is then set).
    public var s3: S3TierSettings?
}

/// Settings of the automatic quality rules run at ingest.
public struct QualitySettings: Sendable, Hashable {
    /// Rule codes that are not run.
    public var disabledRules: Set<String>
    /// DICOM keywords an instance must carry (else `missing-required-tags`).
    public var requiredTags: [String]
    /// Largest difference between slice spacings of one series still counted as consistent, in mm.
    public var spacingToleranceMM: Double
    /// Largest difference between direction cosines still counted as the same orientation.
    public var orientationTolerance: Double
}

/// Who must approve a promotion between zones.
public struct ApprovalPolicy: Sendable, Hashable {
    /// Approvals needed to promote into `curated`.
    public var curatedApprovals: Int
    /// Approvals needed to promote into `training`.
    public var trainingApprovals: Int
    /// Roles whose members may approve.
    public var approverRoles: [Role]
}

/// A flag code of the lake's vocabulary.
public struct FlagCode: Sendable, Hashable, Codable {
    public var code: String
    public var severity: FlagSeverity
    public var description: String
    /// The targets it fits (``FlagTargetKind/accepts(_:)``): `domain` in `[flags.codes.NAME]`, general by default.
    public var domain: FlagDomain

    public init(code: String, severity: FlagSeverity, description: String, domain: FlagDomain = .general) {
        self.code = code
        self.severity = severity
        self.description = description
        self.domain = domain
    }
}
