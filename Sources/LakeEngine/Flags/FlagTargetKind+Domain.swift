import Catalog

extension FlagTargetKind {
    /// The domain whose codes fit this kind of target; nil for a dataset or an object, which may carry
    /// a code of any domain (an object is a DICOM file or a genomic one).
    public var domain: FlagDomain? {
        switch self {
        case .study, .series, .instance: .imaging
        case .sample, .genomicFile: .genomics
        case .dataset, .object: nil
        }
    }

    /// Whether a flag with `code` makes sense on this kind of target: an imaging code never lands on a
    /// sample, a genomics code never on a series.
    public func accepts(_ code: FlagCode) -> Bool {
        guard let domain else { return true }
        return code.domain == .general || code.domain == domain
    }
}

/// What a flag code is about, so that a target is offered only the codes that fit it.
public enum FlagDomain: String, Sendable, Hashable, CaseIterable, Codable {
    /// Studies, series and instances.
    case imaging
    /// Samples and their files.
    case genomics
    /// Stored objects' bytes.
    case storage
    /// Any target (`needs-review`, `consent-issue`…).
    case general
}
