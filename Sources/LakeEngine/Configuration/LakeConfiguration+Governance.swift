import DICOM

extension LakeConfiguration {
    /// Parses `[governance]` and `[governance.deidentification]`; every key is optional.
    static func parseGovernance(_ table: TOMLFields?) throws -> GovernanceSettings {
        try table?.rejectUnknownKeys([
            "restricted_read_roles", "labels", "consent_curated", "consent_training", "deidentification", "key_file",
        ])
        var roles: [Role] = []
        for name in try table?.strings("restricted_read_roles") ?? [Role.admin.rawValue, Role.curator.rawValue] {
            guard let role = Role(rawValue: name) else {
                throw table?.error("restricted_read_roles", "unknown role '\(name)'")
                    ?? ConfigurationError(path: "", line: nil, key: "governance.restricted_read_roles", message: name)
            }
            roles.append(role)
        }
        var labels = GovernanceSettings.builtInLabels
        for label in try table?.strings("labels") ?? [] where !labels.contains(label) { labels.append(label) }
        let deid = try table?.table("deidentification")
        try deid?.rejectUnknownKeys([
            "shift_dates", "retain_full_dates", "retain_device_identity", "retain_institution_identity",
            "retain_patient_characteristics", "retain_uids", "clean_descriptors", "safe_private_creators",
        ])
        let retainFullDates = try deid?.bool("retain_full_dates", default: false) ?? false
        let options = DeidentificationOptions(
            shiftDates: try deid?.bool("shift_dates", default: !retainFullDates) ?? true,
            retainFullDates: retainFullDates,
            retainDeviceIdentity: try deid?.bool("retain_device_identity", default: false) ?? false,
            retainInstitutionIdentity: try deid?.bool("retain_institution_identity", default: false) ?? false,
            retainPatientCharacteristics: try deid?.bool("retain_patient_characteristics", default: false) ?? false,
            retainUIDs: try deid?.bool("retain_uids", default: false) ?? false,
            cleanDescriptors: try deid?.bool("clean_descriptors", default: true) ?? true,
            safePrivateCreators: try deid?.strings("safe_private_creators") ?? [])
        if options.shiftDates && options.retainFullDates, let deid {
            throw deid.error("retain_full_dates", "excludes shift_dates (dates are kept or shifted, not both)")
        }
        return GovernanceSettings(
            restrictedReadRoles: roles, labels: labels,
            consentUse: [
                "curated": try table?.string("consent_curated") ?? "research",
                "training": try table?.string("consent_training") ?? "ai-training",
            ],
            deidentification: options,
            keyFile: try table?.string("key_file") ?? "keys/deidentification.key")
    }
}
