/// One member of a manifest: an object under a logical path, with the ids that find it again.
public struct ManifestEntry: Codable, Hashable, Sendable {
    /// The logical path (source path for ingested files, `dicom/STUDY/SERIES/SOP.dcm` for derived ones).
    public var path: String
    public var sha256: String
    public var size: Int64
    /// `DICOM`, `VCF`, `BAM`…
    public var format: String
    public var studyUID: String?
    public var seriesUID: String?
    public var sopInstanceUID: String?
    public var modality: String?
    public var bodyPart: String?
    public var seriesDescription: String?
    /// Sample name (a pseudonym outside the raw zone).
    public var sample: String?
    public var assay: String?
    /// For a derived object, the SHA-256 of the object it was made from.
    public var derivedFrom: String?

    public init(
        path: String, sha256: String, size: Int64, format: String, studyUID: String? = nil, seriesUID: String? = nil,
        sopInstanceUID: String? = nil, modality: String? = nil, bodyPart: String? = nil,
        seriesDescription: String? = nil, sample: String? = nil, assay: String? = nil, derivedFrom: String? = nil
    ) {
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.format = format
        self.studyUID = studyUID
        self.seriesUID = seriesUID
        self.sopInstanceUID = sopInstanceUID
        self.modality = modality
        self.bodyPart = bodyPart
        self.seriesDescription = seriesDescription
        self.sample = sample
        self.assay = assay
        self.derivedFrom = derivedFrom
    }

    /// The ids a quality flag on this member may target.
    var flagTargets: Set<String> {
        Set([sha256, studyUID, seriesUID, sopInstanceUID, sample].compactMap { $0 })
    }
}
