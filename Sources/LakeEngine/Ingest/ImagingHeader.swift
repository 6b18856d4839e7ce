/// The facts ingest keeps from a DICOM file's header (never its pixel data).
///
/// Filled from the DICOM module's selected-tags parse by ``HeaderReader``; kept as plain values so the
/// catalog writer and the QC rules do not depend on the parser's types.
public struct ImagingHeader: Sendable, Hashable {
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String?
    public var sopInstanceUID: String?
    public var sopClassUID: String?
    public var modality: String?
    public var transferSyntaxUID: String?
    /// A keyed pseudonym of the Patient ID (``PatientPseudonymizer``), never the ID itself.
    public var patientPseudonym: String?
    public var studyDate: String?
    public var studyDescription: String?
    public var seriesDescription: String?
    public var bodyPart: String?
    public var frameOfReferenceUID: String?
    public var instanceNumber: Int?
    public var rows: Int?
    public var columns: Int?
    public var frames: Int?
    /// Image Position (Patient): x, y, z in mm.
    public var imagePosition: [Double]?
    /// Image Orientation (Patient): row and column direction cosines.
    public var imageOrientation: [Double]?
    public var pixelSpacing: [Double]?
    /// Patient name, ID or birth date carry a value.
    public var phiPresent: Bool
    /// Burned In Annotation (0028,0301) is `YES`.
    public var burnedInAnnotation: Bool
    /// Required keywords (from `lake.toml`) the file lacks.
    public var missingRequiredTags: [String]

    public init(
        studyInstanceUID: String? = nil, seriesInstanceUID: String? = nil, sopInstanceUID: String? = nil,
        sopClassUID: String? = nil, modality: String? = nil, transferSyntaxUID: String? = nil,
        patientPseudonym: String? = nil, studyDate: String? = nil, studyDescription: String? = nil,
        seriesDescription: String? = nil, bodyPart: String? = nil, frameOfReferenceUID: String? = nil,
        instanceNumber: Int? = nil, rows: Int? = nil, columns: Int? = nil, frames: Int? = nil,
        imagePosition: [Double]? = nil, imageOrientation: [Double]? = nil, pixelSpacing: [Double]? = nil,
        phiPresent: Bool = false, burnedInAnnotation: Bool = false, missingRequiredTags: [String] = []
    ) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.sopClassUID = sopClassUID
        self.modality = modality
        self.transferSyntaxUID = transferSyntaxUID
        self.patientPseudonym = patientPseudonym
        self.studyDate = studyDate
        self.studyDescription = studyDescription
        self.seriesDescription = seriesDescription
        self.bodyPart = bodyPart
        self.frameOfReferenceUID = frameOfReferenceUID
        self.instanceNumber = instanceNumber
        self.rows = rows
        self.columns = columns
        self.frames = frames
        self.imagePosition = imagePosition
        self.imageOrientation = imageOrientation
        self.pixelSpacing = pixelSpacing
        self.phiPresent = phiPresent
        self.burnedInAnnotation = burnedInAnnotation
        self.missingRequiredTags = missingRequiredTags
    }
}
