import Catalog
import Foundation
import Storage

/// Writes the catalog rows of one ingest batch inside one write transaction.
///
/// Rows are found-or-inserted by their natural keys (object by SHA-256, study by UID within the dataset,
/// series by UID within the study, sample by name within the dataset), so a batch that races another
/// ingest of the same data, or repeats one that was killed, adds each fact once. Per-file QC flags are
/// raised here; rules that need a whole series run afterwards (``Lake/runQualityRules(datasetId:)``).
///
/// Each kind of row goes in with one request for the whole batch (objects, dataset files, studies, series,
/// instances, instance counts, flags), so on PostgreSQL a batch costs a fixed number of round trips
/// whatever its size; genomic samples, rare and few per file, are still found or inserted one by one.
struct IngestBatchWriter {
    let datasetId: Int64
    let tier: String
    let flagRaiser: FlagRaiser
    /// The batch's timestamp, for every row it records and every flag it raises.
    private let now: Date

    init(datasetId: Int64, tier: String, now: Date, flagRaiser: FlagRaiser) {
        self.datasetId = datasetId
        self.tier = tier
        self.flagRaiser = flagRaiser
        self.now = now
    }

    /// What the batch has found or inserted so far, and the rows it inserts once the loop over its files
    /// ends (valid inside the batch's transaction only).
    private struct BatchState {
        /// The row id of every study and series the batch's instances name, by UID.
        var studies: [String: Int64] = [:]
        var series: [SeriesKey: Int64] = [:]
        /// The object of each SOP Instance UID the dataset catalogs, with the batch's own instances.
        var instanceObjects: [String: Int64] = [:]
        /// Instances to insert once the loop over the batch ends.
        var newInstances: [Instance] = []
        var instanceCounts: [Int64: Int] = [:]
        /// Rule flags tried already (`code` and target): the first raise decides.
        var flagsTried: Set<[String]> = []
        /// Rule flags to raise once the loop over the batch ends, in the order the files raised them.
        var flags: [RuleFlag] = []
    }

    private struct SeriesKey: Hashable {
        let studyId: Int64
        let uid: String
    }

    /// What the batch added.
    struct Outcome {
        var filesAdded = 0
        var filesAlreadyPresent = 0
        var byFormat: [String: Int] = [:]
        var byModality: [String: Int] = [:]
        var flagsRaised: [String: Int] = [:]
        var problems: [IngestReport.Problem] = []
    }

    /// Writes the batch's rows: object, dataset-file, study, series, instance and flag rows and the series'
    /// instance counts each in one request for the whole batch; samples as the genomic files name them.
    func write(_ files: [IngestedFile], _ tx: CatalogTransaction) throws -> Outcome {
        var outcome = Outcome()
        // An object deleted by retention whose bytes were just stored again comes back present here.
        let objectIds = try tx.storedObjectIds(
            sizes: Dictionary(files.map { ($0.digest.hex, $0.size) }, uniquingKeysWith: { first, _ in first }),
            tier: tier, at: now)
        let rows = try files.map { file in
            guard let objectId = objectIds[file.digest.hex] else {
                throw CatalogError.notFound(kind: "object", id: file.digest.hex)
            }
            return DatasetFile(
                datasetId: datasetId, objectId: objectId, path: file.path, pathBytes: file.pathBytes.map { Data($0) },
                format: file.content.formatName, ingestedAt: now)
        }
        let added = try tx.insertIfNew(rows)
        let newImaging = zip(files, added).compactMap { file, added -> ImagingHeader? in
            guard added, case .imaging(let header) = file.content else { return nil }
            return header
        }
        var state = BatchState()
        state.instanceObjects = try tx.instanceObjectIds(
            datasetId: datasetId, sopInstanceUIDs: newImaging.compactMap(\.sopInstanceUID))
        try placeStudiesAndSeries(of: newImaging, state: &state, tx)
        for (file, (row, added)) in zip(files, zip(rows, added)) {
            guard added else {
                outcome.filesAlreadyPresent += 1
                continue
            }
            outcome.filesAdded += 1
            outcome.byFormat[file.content.formatName, default: 0] += 1
            switch file.content {
            case .imaging(let header):
                if try writeImaging(header, file: file, objectId: row.objectId, state: &state) {
                    outcome.byModality[header.modality ?? "", default: 0] += 1
                }
            case .genomic(let header):
                try writeGenomic(header, file: file, objectId: row.objectId, state: &state, tx)
            case .unknown:
                break
            }
        }
        try tx.insertInstances(state.newInstances)
        try tx.addInstances(state.instanceCounts)
        for (flag, raised) in zip(state.flags, try tx.raiseRuleFlags(state.flags, at: now)) where raised {
            outcome.flagsRaised[flag.code, default: 0] += 1
        }
        return outcome
    }

    // MARK: - Imaging

    /// Finds or inserts the studies, then the series, that the batch's new instances name (each made from the
    /// first header naming it, as a file-by-file pass would), and notes their row ids in `state`. Headers
    /// without their three UIDs name none: they stay flagged objects.
    private func placeStudiesAndSeries(
        of headers: [ImagingHeader], state: inout BatchState, _ tx: CatalogTransaction
    ) throws {
        let placed = headers.filter {
            $0.studyInstanceUID != nil && $0.seriesInstanceUID != nil && $0.sopInstanceUID != nil
        }
        let studies = placed.map { header in
            Study(
                datasetId: datasetId, studyInstanceUID: header.studyInstanceUID ?? "",
                patientPseudonym: header.patientPseudonym, studyDate: header.studyDate,
                description: header.studyDescription)
        }
        let studyIds = try tx.studyIds(insertingNew: studies)
        let series = zip(placed, studyIds).map { header, studyId in
            Series(
                datasetId: datasetId, studyId: studyId, seriesInstanceUID: header.seriesInstanceUID ?? "",
                modality: header.modality ?? "", bodyPart: header.bodyPart, description: header.seriesDescription,
                instanceCount: 0, frameOfReferenceUID: header.frameOfReferenceUID)
        }
        let seriesIds = try tx.seriesIds(insertingNew: series)
        for (study, id) in zip(studies, studyIds) {
            state.studies[study.studyInstanceUID] = id
        }
        for (series, id) in zip(series, seriesIds) {
            state.series[SeriesKey(studyId: series.studyId, uid: series.seriesInstanceUID)] = id
        }
    }

    /// Queues the instance row and the file's flags; returns whether an instance was added.
    private func writeImaging(
        _ header: ImagingHeader, file: IngestedFile, objectId: Int64, state: inout BatchState
    ) throws -> Bool {
        let objectHash = file.digest.hex
        guard let studyUID = header.studyInstanceUID, let seriesUID = header.seriesInstanceUID,
            let sopUID = header.sopInstanceUID
        else {
            // Without its UIDs an instance has no place in the hierarchy; it stays a flagged object.
            let missing = header.missingRequiredTags.isEmpty ? ["UIDs"] : header.missingRequiredTags
            raise(.missingRequiredTags, kind: .object, target: objectHash,
                  note: "missing: " + missing.joined(separator: ", "), state: &state)
            return false
        }
        guard let studyId = state.studies[studyUID],
            let seriesId = state.series[SeriesKey(studyId: studyId, uid: seriesUID)]
        else {
            throw CatalogError.notFound(kind: "series", id: seriesUID)
        }

        if let existingObject = state.instanceObjects[sopUID] {
            if existingObject != objectId {
                raise(.duplicateSOPInstanceUID, kind: .instance, target: sopUID,
                      note: "object \(objectHash) repeats an instance stored as another object", state: &state)
            }
            return false
        }
        state.instanceObjects[sopUID] = objectId
        state.instanceCounts[seriesId, default: 0] += 1
        state.newInstances.append(
            Instance(
                seriesId: seriesId, objectId: objectId, sopInstanceUID: sopUID, sopClassUID: header.sopClassUID,
                instanceNumber: header.instanceNumber, transferSyntaxUID: header.transferSyntaxUID, rows: header.rows,
                columns: header.columns, frames: header.frames,
                imagePosition: header.imagePosition.map(Self.decimalString),
                imageOrientation: header.imageOrientation.map(Self.decimalString),
                pixelSpacing: header.pixelSpacing.map(Self.decimalString)))

        if header.phiPresent {
            raise(.phiPresent, kind: .series, target: seriesUID, note: "patient name, ID or birth date present",
                  state: &state)
        }
        if header.burnedInAnnotation {
            raise(.burnedInAnnotation, kind: .instance, target: sopUID, note: "", state: &state)
        }
        if !header.missingRequiredTags.isEmpty {
            raise(.missingRequiredTags, kind: .instance, target: sopUID,
                  note: "missing: " + header.missingRequiredTags.joined(separator: ", "), state: &state)
        }
        return true
    }

    // MARK: - Genomics

    private func writeGenomic(
        _ header: GenomicHeader, file: IngestedFile, objectId: Int64, state: inout BatchState, _ tx: CatalogTransaction
    ) throws {
        let stem = Self.fileStem(of: file.path)
        var facts = header.facts
        facts["sampleNames"] = header.sampleNames.joined(separator: ",")
        facts["fileStem"] = stem
        if let reference = header.referenceGenome { facts["reference"] = reference }
        if let count = header.readGroupCount { facts["readGroups"] = String(count) }
        if let eof = header.hasEndOfFileBlock { facts["bgzfEOF"] = eof ? "present" : "missing" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let factsText = String(decoding: try encoder.encode(facts), as: UTF8.self)

        // A file naming no sample (a BAM without read groups) is filed under its file name's stem.
        let names = header.sampleNames.isEmpty ? [stem] : header.sampleNames
        for name in names {
            let sampleId = try findOrInsertSample(name, header: header, tx)
            try tx.insertIfNew(
                GenomicFile(sampleId: sampleId, objectId: objectId, format: header.format, headerFacts: factsText))
        }

        let objectHash = file.digest.hex
        let about = "\(header.format) of \(names.joined(separator: ", "))"
        if header.expectsReference, header.referenceGenome == nil {
            raise(.noReferenceGenome, kind: .genomicFile, target: objectHash, note: about, state: &state)
        }
        if header.readGroupCount == 0 {
            raise(.noReadGroups, kind: .genomicFile, target: objectHash, note: about, state: &state)
        }
        if header.hasEndOfFileBlock == false {
            raise(.truncatedBGZF, kind: .genomicFile, target: objectHash, note: about, state: &state)
        }
    }

    /// Finds or creates sample `name`; facts the sample lacks are filled from this file (first file wins).
    private func findOrInsertSample(_ name: String, header: GenomicHeader, _ tx: CatalogTransaction) throws -> Int64 {
        var sample = Sample(
            datasetId: datasetId, name: name, assay: header.sampleAssays[name] ?? header.assay, platform: header.platform,
            referenceGenome: header.referenceGenome, aligner: header.aligner, variantCaller: header.variantCaller)
        if let id = try tx.sampleId(datasetId: datasetId, name: name) {
            try tx.fillFacts(ofSample: id, from: sample)
            return id
        }
        try tx.insert(&sample)
        guard let id = sample.id else { throw CatalogError.notFound(kind: "sample", id: name) }
        return id
    }

    /// A file name up to its first dot (`S1.sorted.bam` → `S1`): the convention that ties one sample's BAM,
    /// VCF and FASTQ files together, used to file unnamed samples and to find sample-name mismatches.
    static func fileStem(of path: String) -> String {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = fileName.split(separator: ".", maxSplits: 1).first.map(String.init) ?? fileName
        return stem.isEmpty ? fileName : stem
    }

    // MARK: - Helpers

    /// Queues rule flag `rule` on `target` unless the batch has tried already or the rule is disabled: the
    /// flag's row is unique by code and target, so a second raise (a series' PHI flag, once per instance)
    /// could only find it there.
    private func raise(
        _ rule: QualityRule, kind: FlagTargetKind, target: String, note: String, state: inout BatchState
    ) {
        guard state.flagsTried.insert([rule.code, target]).inserted,
            let flag = flagRaiser.flag(rule, datasetId: datasetId, kind: kind, target: target, note: note)
        else { return }
        state.flags.append(flag)
    }

    /// DICOM's multi-valued decimal form (`0.5\0.5`), which the QC rules parse back.
    static func decimalString(_ values: [Double]) -> String {
        values.map { String($0) }.joined(separator: "\\")
    }
}
