import DICOM
import Genomics

/// Sniffs a file by content and reads its header into ``FileContent``, through the DICOM and Genomics
/// parsers. Never reads pixel data or records.
///
/// Genomic formats are tried first: their signatures (BGZF/gzip magic, `BAM\1`, `##fileformat=VCF`…)
/// are strict, whereas DICOM without a Part 10 preamble is recognised from its first element. A data set
/// without a preamble must also carry a Study, Series or SOP Instance UID to count as DICOM, so stray
/// binary files are not cataloged as images.
struct HeaderReader: Sendable {
    /// The required keywords from `lake.toml`, with their tags (nil for a keyword the dictionary lacks).
    let requiredTags: [(keyword: String, tag: AttributeTag?)]
    /// The selected-tags parse: only these top-level elements are decoded, and reading stops after them.
    let dicomOptions: ParseOptions
    /// Turns a Patient ID into the catalog's keyed pseudonym; the ID itself is never kept.
    let pseudonymizer: PatientPseudonymizer

    // MARK: - Tags outside the DICOM module's named set

    static let patientBirthDate = AttributeTag(rawValue: 0x0010_0030)
    static let imagePositionPatient = AttributeTag(rawValue: 0x0020_0032)
    static let imageOrientationPatient = AttributeTag(rawValue: 0x0020_0037)
    static let pixelSpacing = AttributeTag(rawValue: 0x0028_0030)
    static let burnedInAnnotation = AttributeTag(rawValue: 0x0028_0301)

    init(quality: QualitySettings, pseudonymizer: PatientPseudonymizer) {
        self.pseudonymizer = pseudonymizer
        requiredTags = quality.requiredTags.map { ($0, DataDictionary.tag(forKeyword: $0)) }
        let tags: [AttributeTag] = [
            .sopClassUID, .sopInstanceUID, .studyDate, .modality, .studyDescription, .seriesDescription,
            .patientName, .patientID, Self.patientBirthDate, .bodyPartExamined, .studyInstanceUID,
            .seriesInstanceUID, .instanceNumber, Self.imagePositionPatient, Self.imageOrientationPatient,
            .frameOfReferenceUID, .numberOfFrames, .rows, .columns, Self.pixelSpacing, Self.burnedInAnnotation,
        ]
        dicomOptions = .selected(tags + requiredTags.compactMap(\.tag))
    }

    /// Reads a file already in memory.
    func read(bytes: UnsafeRawBufferPointer, path: String) -> FileContent {
        if !Self.hasPart10Marker(bytes), GenomicFormat.sniff(bytes: Array(bytes.prefix(64 * 1024))) != nil {
            return genomic(GenomicInspector(headerOnly: true).inspect(bytes: Array(bytes), name: path))
        }
        do {
            return imaging(try DICOMReader.parse(bytes, options: dicomOptions))
        } catch {
            return Self.unrecognized(error)
        }
    }

    /// `DICM` at offset 128 (PS3.10 §7.1): certainly DICOM, so the genomic sniff is skipped.
    static func hasPart10Marker(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 132 && bytes[128] == 0x44 && bytes[129] == 0x49 && bytes[130] == 0x43 && bytes[131] == 0x4D
    }

    /// Reads a file too large to hold in memory, from its header only.
    func read(path: String) -> FileContent {
        if (try? GenomicFormat.sniff(path: path)) ?? nil != nil {
            return genomic(GenomicInspector(headerOnly: true).inspect(path: path))
        }
        do {
            return imaging(try DICOMReader.read(path: path, options: dicomOptions))
        } catch {
            return Self.unrecognized(error)
        }
    }

    private static func unrecognized(_ error: DICOMError) -> FileContent {
        if case .notDICOM = error.kind {
            return .unknown(reason: "format not recognized (not DICOM, VCF, BCF, SAM, BAM, CRAM, FASTQ or a sample sheet)")
        }
        return .unknown(reason: "DICOM: " + error.description)
    }

    // MARK: - DICOM

    private func imaging(_ file: DICOMFile) -> FileContent {
        let dataSet = file.dataSet
        func text(_ tag: AttributeTag) -> String? {
            guard let value = dataSet.string(tag), !value.isEmpty else { return nil }
            return value
        }
        func decimals(_ tag: AttributeTag) -> [Double]? {
            guard let values = dataSet[tag]?.decimals, !values.isEmpty else { return nil }
            return values
        }
        let study = text(.studyInstanceUID)
        let series = text(.seriesInstanceUID)
        let sop = text(.sopInstanceUID)
        if file.preamble == nil, study == nil, series == nil, sop == nil {
            return .unknown(reason: "format not recognized (a bare DICOM-like data set without UIDs)")
        }
        let patientID = text(.patientID)
        let phi = text(.patientName) != nil || patientID != nil || text(Self.patientBirthDate) != nil
        let missing = requiredTags.filter { required in
            guard let tag = required.tag else { return true }
            return text(tag) == nil
        }.map(\.keyword)
        return .imaging(ImagingHeader(
            studyInstanceUID: study, seriesInstanceUID: series, sopInstanceUID: sop,
            sopClassUID: text(.sopClassUID), modality: text(.modality), transferSyntaxUID: file.transferSyntax.uid,
            patientPseudonym: patientID.map(pseudonymizer.pseudonym(forPatientID:)),
            studyDate: text(.studyDate), studyDescription: text(.studyDescription),
            seriesDescription: text(.seriesDescription), bodyPart: text(.bodyPartExamined),
            frameOfReferenceUID: text(.frameOfReferenceUID), instanceNumber: dataSet.integer(.instanceNumber),
            rows: dataSet.integer(.rows), columns: dataSet.integer(.columns), frames: dataSet.integer(.numberOfFrames),
            imagePosition: decimals(Self.imagePositionPatient), imageOrientation: decimals(Self.imageOrientationPatient),
            pixelSpacing: decimals(Self.pixelSpacing), phiPresent: phi,
            burnedInAnnotation: text(Self.burnedInAnnotation)?.uppercased() == "YES",
            missingRequiredTags: missing))
    }

    // MARK: - Genomics

    private func genomic(_ report: GenomicFileReport) -> FileContent {
        guard let format = report.format else {
            return .unknown(reason: report.error.map { "genomic: " + $0.description } ?? "format not recognized")
        }
        let sample = SampleCollector.collect([report]).first
        var facts: [String: String] = [:]
        if let compression = report.compression { facts["compression"] = compression.rawValue }
        if let error = report.error { facts["readError"] = error.description }
        if !report.warnings.isEmpty { facts["warnings"] = report.warnings.joined(separator: "; ") }
        if let reference = report.reference { facts["referenceEvidence"] = reference.evidence }
        var sampleAssays: [String: String] = [:]
        for row in report.sampleSheet?.rows ?? [] {
            if let assay = row.assay.flatMap(Assay.normalise) ?? row.assay { sampleAssays[row.sample] = assay }
        }
        return .genomic(GenomicHeader(
            format: format.rawValue, sampleNames: report.samples,
            referenceGenome: report.reference.map { [$0.build, $0.flavor].compactMap { $0 }.joined(separator: " ") },
            readGroupCount: report.samHeader.map { $0.readGroups.count },
            assay: sample?.assay, platform: sample?.platform, aligner: sample?.aligner,
            variantCaller: sample?.variantCaller, sampleAssays: sampleAssays,
            hasEndOfFileBlock: report.integrity.endMarkerPresent, facts: facts))
    }
}
