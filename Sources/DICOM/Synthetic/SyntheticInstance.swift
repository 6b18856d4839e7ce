/// A description of one synthetic DICOM instance, turned into a data set by ``SyntheticData``.
///
/// Identifiers are derived from the indices (and ``seed``), so the same description always yields the
/// same bytes, and instances of one series share patient, study and series UIDs.
public struct SyntheticInstance: Sendable, Hashable {
    /// The imaging modalities the generator knows.
    public enum Modality: String, Sendable, CaseIterable {
        case CT, MR, US, CR, SEG
    }

    public var patient: Int
    public var study: Int
    public var series: Int
    public var instance: Int
    public var modality: Modality
    public var rows: Int
    public var columns: Int
    /// Add nested sequences (a code sequence, and a request sequence holding another sequence).
    public var includesSequences: Bool
    /// Add a private block with its creator, e.g. (0009,0010) and (0009,10xx).
    public var includesPrivateBlock: Bool
    /// Distinguishes corpora: it is part of every UID.
    public var seed: Int

    public init(patient: Int = 0, study: Int = 0, series: Int = 0, instance: Int = 0, modality: Modality = .CT,
                rows: Int = 64, columns: Int = 64, includesSequences: Bool = true, includesPrivateBlock: Bool = true,
                seed: Int = 1)
    {
        self.patient = patient
        self.study = study
        self.series = series
        self.instance = instance
        self.modality = modality
        self.rows = rows
        self.columns = columns
        self.includesSequences = includesSequences
        self.includesPrivateBlock = includesPrivateBlock
        self.seed = seed
    }
}
