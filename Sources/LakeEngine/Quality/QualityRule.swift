import Catalog

/// The automatic quality rules (run at ingest, and by promotion for corrupt objects), with the flag code
/// and severity each raises.
public enum QualityRule: String, Sendable, CaseIterable, Codable {
    // MARK: Imaging
    case instanceGap = "instance-gap"
    case duplicatePosition = "duplicate-position"
    case inconsistentSpacing = "inconsistent-spacing"
    case inconsistentOrientation = "inconsistent-orientation"
    case missingRequiredTags = "missing-required-tags"
    case phiPresent = "phi-present"
    case burnedInAnnotation = "burned-in-annotation"
    case duplicateSOPInstanceUID = "duplicate-sop-uid"
    // MARK: Genomics
    case noReferenceGenome = "no-reference-genome"
    case noReadGroups = "no-read-groups"
    case sampleNameMismatch = "sample-name-mismatch"
    case truncatedBGZF = "truncated-bgzf"
    // MARK: Storage
    /// Raised when promotion reads an object whose bytes no longer have its SHA-256.
    case corruptObject = "corrupt-object"

    /// The flag code the rule raises.
    public var code: String { rawValue }

    public var severity: FlagSeverity {
        switch self {
        case .phiPresent: .info
        case .instanceGap, .inconsistentSpacing, .noReadGroups, .duplicatePosition: .warning
        case .inconsistentOrientation, .missingRequiredTags, .burnedInAnnotation, .duplicateSOPInstanceUID,
            .noReferenceGenome, .sampleNameMismatch, .truncatedBGZF, .corruptObject:
            .blocking
        }
    }

    public var summary: String {
        switch self {
        case .instanceGap: "Instance numbers in the series skip values"
        case .duplicatePosition: "Two instances of the series share an image position"
        case .inconsistentSpacing: "Slice spacing varies within the series"
        case .inconsistentOrientation: "Image orientation varies within the series"
        case .missingRequiredTags: "An instance lacks tags the lake requires"
        case .phiPresent: "Identifying patient data present (expected in the raw zone)"
        case .burnedInAnnotation: "Burned In Annotation is YES: pixels may show identifying text"
        case .duplicateSOPInstanceUID: "The same SOP Instance UID arrived with different bytes"
        case .noReferenceGenome: "The header names no reference genome"
        case .noReadGroups: "The alignment header has no read groups"
        case .sampleNameMismatch: "Files of one sample disagree on the sample name"
        case .truncatedBGZF: "BGZF file lacks its end-of-file block (truncated?)"
        case .corruptObject: "The object's bytes no longer match its SHA-256 (altered or damaged in place)"
        }
    }
}

extension FlagCode {
    /// Codes every lake knows: one per automatic rule, plus common codes for people.
    public static let builtIn: [String: FlagCode] = {
        var codes: [String: FlagCode] = [:]
        for rule in QualityRule.allCases {
            codes[rule.code] = FlagCode(code: rule.code, severity: rule.severity, description: rule.summary)
        }
        let manual: [(String, FlagSeverity, String)] = [
            ("needs-review", .info, "Someone should look at this"),
            ("artifact", .warning, "Imaging artifact (motion, metal, noise)"),
            ("wrong-label", .blocking, "Label or annotation is wrong"),
            ("wrong-laterality", .blocking, "Left/right is wrong"),
            ("consent-issue", .blocking, "Use is not covered by consent"),
            ("low-quality", .warning, "Data quality too low for training"),
        ]
        for (code, severity, description) in manual {
            codes[code] = FlagCode(code: code, severity: severity, description: description)
        }
        return codes
    }()
}
