extension LakeConfiguration {
    /// The `lake.toml` of a new lake: four filesystem tiers under `tiers/`, the three zones, `owner` in
    /// every role, the default QC rules and approval policy, and the manual flag codes as an extensible
    /// vocabulary.
    public static func defaultTOML(name: String, owner: String) -> String {
        let quotedOwner = tomlString(owner)
        let text = """
            # MedLake lake configuration. Edit with care: every command reads this file.

            [lake]
            name = \(tomlString(name))
            ingest_tier = "hot"
            ingest_zone = "raw"

            [zones]
            names = ["raw", "curated", "training"]

            [tiers.hot]
            path = "tiers/hot"
            cost_per_gb_month = 0.023
            restore_required = false

            [tiers.warm]
            path = "tiers/warm"
            cost_per_gb_month = 0.0125
            restore_required = false

            [tiers.cold]
            path = "tiers/cold"
            cost_per_gb_month = 0.004
            bandwidth_limit_mbps = 200
            restore_required = false

            [tiers.archive]
            path = "tiers/archive"
            cost_per_gb_month = 0.00099
            bandwidth_limit_mbps = 50
            restore_required = true

            # Unix users holding each role.
            [roles]
            admin = [\(quotedOwner)]
            curator = [\(quotedOwner)]
            annotator = [\(quotedOwner)]
            operator = [\(quotedOwner)]

            [qc]
            disabled_rules = []
            required_tags = ["SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "Modality"]
            spacing_tolerance_mm = 0.01
            orientation_tolerance = 0.001

            [approval]
            curated_approvals = 1
            training_approvals = 2
            approver_roles = ["curator"]

            # Flag codes beyond the built-in ones (each rule's code, needs-review, artifact, wrong-label,
            # wrong-laterality, consent-issue, low-quality). Add your own here.
            [flags.codes.motion-artifact]
            severity = "warning"
            description = "Patient motion degrades the images"

            # Who reads restricted datasets without a grant, extra sensitivity labels, the consent use each
            # zone needs (a dataset's consent scope must list it), and de-identification options.
            [governance]
            restricted_read_roles = ["admin", "curator"]
            labels = ["public", "internal", "restricted"]
            consent_curated = "research"
            consent_training = "ai-training"

            # PS3.15 Table E.1-1 options for curated copies (shift_dates and retain_full_dates exclude
            # each other); each one used is recorded in DeidentificationMethodCodeSequence.
            [governance.deidentification]
            shift_dates = true
            retain_full_dates = false
            retain_device_identity = false
            retain_institution_identity = false
            retain_patient_characteristics = false
            retain_uids = false
            clean_descriptors = true
            safe_private_creators = []

            """
        return text
    }

    /// A TOML basic string: quotes and backslashes escaped, control characters as `\\uXXXX`.
    static func tomlString(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}
