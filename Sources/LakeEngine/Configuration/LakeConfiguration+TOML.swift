import Catalog
import DICOM
import TOMLKit

extension LakeConfiguration {
    /// Parses `lake.toml` text. `path` only names the file in errors.
    ///
    /// - Throws: ``ConfigurationError`` with the line and key of the first problem: TOML syntax, a value of
    ///   the wrong type, an unknown key, a role name that does not exist, an ingest tier that is not declared,
    ///   a zone listed twice, no approver role, fewer than one approval, a QC rule or DICOM keyword that does
    ///   not exist, a NUL byte.
    public init(toml text: String, path: String) throws {
        let locator = TOMLKeyLocator(text: text)
        if let nul = locator.firstNUL {
            // TOML forbids NUL, but the parser would take it inside a string and cut names and paths there.
            throw ConfigurationError(
                path: path, line: nul.line, key: nul.key, message: "contains a NUL byte (TOML text may not hold one)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, key: nil, message: error.description)
        }
        let fields = TOMLFields(table: root, prefix: "", path: path, locator: locator)
        try fields.rejectUnknownKeys([
            "lake", "zones", "tiers", "roles", "qc", "approval", "flags", "lifecycle", "governance", "retention",
            "quality_score", "catalog",
        ])

        let lake = try fields.table("lake")
        try lake?.rejectUnknownKeys(["name", "ingest_tier", "ingest_zone"])
        name = try lake?.string("name") ?? "lake"

        zones = try fields.table("zones")?.strings("names") ?? ["raw", "curated", "training"]
        guard !zones.isEmpty else { throw fields.error("zones.names", "a lake needs at least one zone") }
        if let repeated = Self.firstRepeated(zones) {
            throw fields.error("zones.names", "zone '\(repeated)' is listed twice (zone names must be unique)")
        }
        ingestZone = try lake?.string("ingest_zone") ?? zones[0]
        if !zones.contains(ingestZone) {
            throw (lake ?? fields).error("ingest_zone", "zone '\(ingestZone)' is not in zones.names")
        }

        tiers = try Self.parseTiers(fields)
        ingestTier = try lake?.string("ingest_tier") ?? "hot"
        if tiers[ingestTier] == nil {
            throw (lake ?? fields).error("ingest_tier", "tier '\(ingestTier)' is not declared under [tiers]")
        }
        if tiers[ingestTier]?.s3 != nil {
            throw (lake ?? fields).error("ingest_tier", "tier '\(ingestTier)' is an S3 tier; ingest writes to a filesystem tier")
        }

        roles = try Self.parseRoles(fields)

        quality = try Self.parseQuality(fields.table("qc"))
        approval = try Self.parseApproval(fields.table("approval"))
        flagCodes = try Self.parseFlagCodes(fields.table("flags"))
        lifecycleRules = try Self.parseLifecycleRules(fields.table("lifecycle"), tiers: tiers, zones: zones)
        governance = try Self.parseGovernance(fields.table("governance"))
        retention = try Self.parseRetention(fields.table("retention"), zones: zones)
        qualityScore = try Self.parseQualityScore(fields.table("quality_score"), zones: zones)
        catalog = try CatalogSettings(fields.table("catalog"))
    }

    /// The first element of `names` that an earlier one equals.
    private static func firstRepeated(_ names: [String]) -> String? {
        var seen: Set<String> = []
        return names.first { !seen.insert($0).inserted }
    }

    // MARK: - Sections

    /// The `[roles]` table of `fields` (empty when there is none).
    static func parseRoles(_ fields: TOMLFields) throws -> [Role: Set<String>] {
        var roles: [Role: Set<String>] = [:]
        guard let table = try fields.table("roles") else { return roles }
        for key in table.keys {
            guard let role = Role(rawValue: key) else {
                throw table.error(key, "unknown role (expected admin, curator, annotator or operator)")
            }
            roles[role] = Set(try table.strings(key) ?? [])
        }
        return roles
    }

    private static func parseTiers(_ fields: TOMLFields) throws -> [String: TierConfiguration] {
        guard let table = try fields.table("tiers"), !table.keys.isEmpty else {
            throw fields.error("tiers", "a lake needs at least one tier")
        }
        var tiers: [String: TierConfiguration] = [:]
        for name in table.keys {
            guard let tier = try table.table(name) else { continue }
            let kind = try tier.string("kind", default: "filesystem")
            var s3: S3TierSettings?
            let path: String
            switch kind {
            case "filesystem":
                try tier.rejectUnknownKeys(["kind", "path", "bandwidth_limit_mbps", "restore_required", "cost_per_gb_month"])
                guard let folder = try tier.string("path"), !folder.isEmpty else {
                    throw tier.error("path", "every tier needs a path")
                }
                path = folder
            case "s3":
                s3 = try S3TierSettings(tier)
                path = ""
            default:
                throw tier.error("kind", "expected \"filesystem\" or \"s3\"")
            }
            tiers[name] = TierConfiguration(
                name: name,
                path: path,
                bandwidthLimitMBps: try tier.nonNegativeNumber("bandwidth_limit_mbps"),
                restoreRequired: try tier.bool("restore_required", default: false),
                costPerGBMonth: try tier.nonNegativeNumber("cost_per_gb_month") ?? 0,
                s3: s3
            )
        }
        return tiers
    }

    private static func parseQuality(_ table: TOMLFields?) throws -> QualitySettings {
        try table?.rejectUnknownKeys(["disabled_rules", "required_tags", "spacing_tolerance_mm", "orientation_tolerance"])
        let disabled = try table?.strings("disabled_rules") ?? []
        if let table, let unknown = disabled.first(where: { QualityRule(rawValue: $0) == nil }) {
            let codes = QualityRule.allCases.map(\.code).joined(separator: ", ")
            throw table.error("disabled_rules", "unknown rule '\(unknown)' (expected one of: \(codes))")
        }
        let required = try table?.strings("required_tags") ?? QualitySettings.defaultRequiredTags
        if let table, let unknown = required.first(where: { DataDictionary.tag(forKeyword: $0) == nil }) {
            throw table.error(
                "required_tags",
                "'\(unknown)' is not a DICOM keyword (e.g. SeriesInstanceUID; keywords are case-sensitive)")
        }
        return QualitySettings(
            disabledRules: Set(disabled),
            requiredTags: required,
            spacingToleranceMM: try table?.nonNegativeNumber("spacing_tolerance_mm") ?? 0.01,
            orientationTolerance: try table?.nonNegativeNumber("orientation_tolerance") ?? 0.001
        )
    }

    private static func parseApproval(_ table: TOMLFields?) throws -> ApprovalPolicy {
        try table?.rejectUnknownKeys(["curated_approvals", "training_approvals", "approver_roles"])
        var approverRoles: [Role] = []
        for name in try table?.strings("approver_roles") ?? [Role.curator.rawValue] {
            guard let role = Role(rawValue: name) else {
                let message = "unknown role '\(name)'"
                throw table?.error("approver_roles", message)
                    ?? ConfigurationError(path: "", line: nil, key: "approval.approver_roles", message: message)
            }
            approverRoles.append(role)
        }
        guard let table else {
            return ApprovalPolicy(curatedApprovals: 1, trainingApprovals: 2, approverRoles: approverRoles)
        }
        if approverRoles.isEmpty {
            throw table.error("approver_roles", "no role could approve a promotion (name at least one, e.g. curator)")
        }
        let curated = try table.int("curated_approvals", default: 1)
        let training = try table.int("training_approvals", default: 2)
        for (key, count) in [("curated_approvals", curated), ("training_approvals", training)] where count < 1 {
            throw table.error(key, "expected an integer of at least 1 (a promotion needs one approval or more)")
        }
        return ApprovalPolicy(curatedApprovals: curated, trainingApprovals: training, approverRoles: approverRoles)
    }

    private static func parseFlagCodes(_ table: TOMLFields?) throws -> [String: FlagCode] {
        var codes = FlagCode.builtIn
        guard let table else { return codes }
        try table.rejectUnknownKeys(["codes"])
        guard let vocabulary = try table.table("codes") else { return codes }
        for code in vocabulary.keys {
            guard let entry = try vocabulary.table(code) else { continue }
            try entry.rejectUnknownKeys(["severity", "description", "domain"])
            let severityName = try entry.string("severity", default: "warning")
            guard let severity = FlagSeverity(rawValue: severityName) else {
                throw entry.error("severity", "expected info, warning or blocking")
            }
            let domainName = try entry.string("domain", default: FlagDomain.general.rawValue)
            guard let domain = FlagDomain(rawValue: domainName) else {
                throw entry.error("domain", "expected imaging, genomics, storage or general")
            }
            codes[code] = FlagCode(
                code: code, severity: severity, description: try entry.string("description", default: ""), domain: domain)
        }
        return codes
    }
}

extension QualitySettings {
    /// The keywords every instance must carry by default.
    public static let defaultRequiredTags = [
        "SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "Modality",
    ]
}
