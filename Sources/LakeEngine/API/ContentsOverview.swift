import Catalog

/// A study with its counts.
public struct StudyOverview: Codable, Sendable, Hashable {
    public var studyInstanceUID: String
    /// The name of the study's dataset.
    public var dataset: String
    /// The catalog's pseudonym for the patient (never a PatientID).
    public var patientPseudonym: String?
    public var studyDate: String?
    public var description: String?
    public var seriesCount: Int
    public var instanceCount: Int
    public var modalities: [String]
    /// The open flags on the study and its series (nil: none), counted by the listing itself.
    public var openFlags: OpenFlagTally?
}

/// A series with its counts.
public struct SeriesOverview: Codable, Sendable, Hashable {
    public var seriesInstanceUID: String
    public var studyInstanceUID: String
    public var modality: String
    public var bodyPart: String?
    public var description: String?
    public var instanceCount: Int
    public var frameOfReferenceUID: String?
    /// The open flags on the series (nil: none), counted by the listing itself.
    public var openFlags: OpenFlagTally?
}

/// A genomic sample with its files.
public struct SampleOverview: Codable, Sendable, Hashable {
    public var name: String
    public var dataset: String
    public var assay: String?
    public var platform: String?
    public var referenceGenome: String?
    public var aligner: String?
    public var variantCaller: String?
    public var fileCount: Int
    public var formats: [String]
}

/// Series and instances of one modality.
public struct ModalityOverview: Codable, Sendable, Hashable {
    public var modality: String
    public var seriesCount: Int
    public var instanceCount: Int
}

// MARK: - From the catalog

extension StudyOverview {
    init(_ summary: StudySummary) {
        let study = summary.study
        self.init(
            studyInstanceUID: study.studyInstanceUID, dataset: summary.datasetName, patientPseudonym: study.patientPseudonym,
            studyDate: study.studyDate, description: study.description, seriesCount: summary.seriesCount,
            instanceCount: summary.instanceCount, modalities: DatasetOverview.list(summary.modalities),
            openFlags: summary.openFlags)
    }
}

extension SeriesOverview {
    init(_ listing: SeriesListing) {
        let series = listing.series
        self.init(
            seriesInstanceUID: series.seriesInstanceUID, studyInstanceUID: listing.studyInstanceUID,
            modality: series.modality, bodyPart: series.bodyPart, description: series.description,
            instanceCount: series.instanceCount, frameOfReferenceUID: series.frameOfReferenceUID,
            openFlags: listing.openFlags)
    }
}

extension SampleOverview {
    init(_ listing: SampleListing) {
        let sample = listing.sample
        self.init(
            name: sample.name, dataset: listing.datasetName, assay: sample.assay, platform: sample.platform,
            referenceGenome: sample.referenceGenome, aligner: sample.aligner, variantCaller: sample.variantCaller,
            fileCount: listing.fileCount, formats: DatasetOverview.list(listing.formats))
    }
}

extension ModalityOverview {
    init(_ count: ModalityCount) {
        self.init(modality: count.modality, seriesCount: count.seriesCount, instanceCount: count.instanceCount)
    }
}
