import Catalog
import Foundation
import GRDB
import Storage

/// Writes the catalog rows of one ingest batch inside one write transaction.
///
/// Rows are found-or-inserted by their natural keys (object by SHA-256, study by UID within the dataset,
/// series by UID within the study, sample by name within the dataset), so a batch that races another
/// ingest of the same data, or repeats one that was killed, adds each fact once. Per-file QC flags are
/// raised here; rules that need a whole series run afterwards (``Lake/runQualityRules(datasetId:)``).
struct IngestBatchWriter {
    let datasetId: Int64
    let tier: String
    let flagRaiser: FlagRaiser
    /// The batch's timestamp, converted once for every row that records it.
    private let now: DatabaseValue
    /// The batch's timestamp, for the flags it raises.
    private let date: Date

    init(datasetId: Int64, tier: String, now: Date, flagRaiser: FlagRaiser) {
        self.datasetId = datasetId
        self.tier = tier
        self.flagRaiser = flagRaiser
        self.now = now.databaseValue
        self.date = now
    }

    /// Study and series ids the batch has found or inserted, so consecutive instances of one series cost
    /// no lookups (valid inside the batch's transaction only).
    private struct HierarchyIds {
        var studies: [String: Int64] = [:]
        var series: [SeriesKey: Int64] = [:]
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

    func write(_ files: [IngestedFile], _ db: Database) throws -> Outcome {
        var outcome = Outcome()
        var instanceCounts: [Int64: Int] = [:]
        var ids = HierarchyIds()
        for file in files {
            let objectId = try objectId(for: file, db)
            try execute(
                """
                INSERT INTO datasetFile (datasetId, objectId, path, pathBytes, format, ingestedAt)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """,
                [datasetId, objectId, file.path, file.pathBytes.map { Data($0) }, file.content.formatName, now], db)
            guard db.changesCount > 0 else {
                outcome.filesAlreadyPresent += 1
                continue
            }
            outcome.filesAdded += 1
            outcome.byFormat[file.content.formatName, default: 0] += 1
            switch file.content {
            case .imaging(let header):
                if let seriesId = try writeImaging(
                    header, file: file, objectId: objectId, ids: &ids, outcome: &outcome, db)
                {
                    instanceCounts[seriesId, default: 0] += 1
                    outcome.byModality[header.modality ?? "", default: 0] += 1
                }
            case .genomic(let header):
                try writeGenomic(header, file: file, objectId: objectId, outcome: &outcome, db)
            case .unknown:
                break
            }
        }
        for (seriesId, count) in instanceCounts {
            try execute("UPDATE series SET instanceCount = instanceCount + ? WHERE id = ?", [count, seriesId], db)
        }
        return outcome
    }

    // MARK: - Objects

    /// The object row of `file`, inserted when new. An object deleted by retention whose bytes were
    /// just stored again comes back as present in the ingest tier, its age counting from now.
    private func objectId(for file: IngestedFile, _ db: Database) throws -> Int64 {
        let inserted = try fetchID(
            """
            INSERT INTO object (sha256, size, tier, state, createdAt) VALUES (?, ?, ?, 'present', ?)
            ON CONFLICT(sha256) DO UPDATE SET state = 'present', tier = excluded.tier, createdAt = excluded.createdAt
            WHERE object.state = 'deleted' RETURNING id
            """,
            [file.digest.hex, file.size, tier, now], db)
        if let inserted { return inserted }
        guard let id = try fetchID("SELECT id FROM object WHERE sha256 = ?", [file.digest.hex], db)
        else { throw CatalogError.notFound(kind: "object", id: file.digest.hex) }
        return id
    }

    // MARK: - Imaging

    /// Inserts study, series and instance rows; returns the series id when an instance was added.
    private func writeImaging(
        _ header: ImagingHeader, file: IngestedFile, objectId: Int64, ids: inout HierarchyIds, outcome: inout Outcome,
        _ db: Database
    ) throws -> Int64? {
        let objectHash = file.digest.hex
        guard let studyUID = header.studyInstanceUID, let seriesUID = header.seriesInstanceUID,
            let sopUID = header.sopInstanceUID
        else {
            // Without its UIDs an instance has no place in the hierarchy; it stays a flagged object.
            let missing = header.missingRequiredTags.isEmpty ? ["UIDs"] : header.missingRequiredTags
            try raise(.missingRequiredTags, kind: .object, target: objectHash,
                      note: "missing: " + missing.joined(separator: ", "), outcome: &outcome, db)
            return nil
        }
        let studyId = try ids.studies[studyUID] ?? findOrInsertStudy(uid: studyUID, header: header, db)
        ids.studies[studyUID] = studyId
        let seriesKey = SeriesKey(studyId: studyId, uid: seriesUID)
        let seriesId = try ids.series[seriesKey] ?? findOrInsertSeries(uid: seriesUID, studyId: studyId, header: header, db)
        ids.series[seriesKey] = seriesId

        let existing = try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT i.objectId, i.seriesId FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE i.sopInstanceUID = ? AND s.datasetId = ?
                """),
            arguments: [sopUID, datasetId]
        )
        if let existing {
            let existingObject: Int64 = existing["objectId"]
            if existingObject != objectId {
                try raise(.duplicateSOPInstanceUID, kind: .instance, target: sopUID,
                          note: "object \(objectHash) repeats an instance stored as another object",
                          outcome: &outcome, db)
            }
            return nil
        }
        // Explicit SQL rather than the record's Codable encoding: this runs once per instance.
        try execute(
            """
            INSERT INTO instance (seriesId, objectId, sopInstanceUID, sopClassUID, instanceNumber, transferSyntaxUID,
              rows, columns, frames, imagePosition, imageOrientation, pixelSpacing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                seriesId, objectId, sopUID, header.sopClassUID, header.instanceNumber, header.transferSyntaxUID,
                header.rows, header.columns, header.frames, header.imagePosition.map(Self.decimalString),
                header.imageOrientation.map(Self.decimalString), header.pixelSpacing.map(Self.decimalString),
            ], db)

        if header.phiPresent {
            try raise(.phiPresent, kind: .series, target: seriesUID,
                      note: "patient name, ID or birth date present", outcome: &outcome, db)
        }
        if header.burnedInAnnotation {
            try raise(.burnedInAnnotation, kind: .instance, target: sopUID, note: "", outcome: &outcome, db)
        }
        if !header.missingRequiredTags.isEmpty {
            try raise(.missingRequiredTags, kind: .instance, target: sopUID,
                      note: "missing: " + header.missingRequiredTags.joined(separator: ", "), outcome: &outcome, db)
        }
        return seriesId
    }

    private func findOrInsertStudy(uid: String, header: ImagingHeader, _ db: Database) throws -> Int64 {
        if let id = try fetchID("SELECT id FROM study WHERE datasetId = ? AND studyInstanceUID = ?", [datasetId, uid], db)
        {
            return id
        }
        var study = Study(
            datasetId: datasetId, studyInstanceUID: uid, patientPseudonym: header.patientPseudonym,
            studyDate: header.studyDate, description: header.studyDescription)
        try study.insert(db)
        return study.id ?? db.lastInsertedRowID
    }

    private func findOrInsertSeries(uid: String, studyId: Int64, header: ImagingHeader, _ db: Database) throws -> Int64 {
        if let id = try fetchID("SELECT id FROM series WHERE studyId = ? AND seriesInstanceUID = ?", [studyId, uid], db)
        {
            return id
        }
        var series = Series(
            datasetId: datasetId, studyId: studyId, seriesInstanceUID: uid, modality: header.modality ?? "",
            bodyPart: header.bodyPart, description: header.seriesDescription, instanceCount: 0,
            frameOfReferenceUID: header.frameOfReferenceUID)
        try series.insert(db)
        return series.id ?? db.lastInsertedRowID
    }

    // MARK: - Genomics

    private func writeGenomic(
        _ header: GenomicHeader, file: IngestedFile, objectId: Int64, outcome: inout Outcome, _ db: Database
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
            let sampleId = try findOrInsertSample(name, header: header, db)
            try execute(
                """
                INSERT INTO genomicFile (sampleId, objectId, format, headerFacts, stats) VALUES (?, ?, ?, ?, '{}')
                ON CONFLICT DO NOTHING
                """,
                [sampleId, objectId, header.format, factsText], db)
        }

        let objectHash = file.digest.hex
        let about = "\(header.format) of \(names.joined(separator: ", "))"
        if header.expectsReference, header.referenceGenome == nil {
            try raise(.noReferenceGenome, kind: .genomicFile, target: objectHash, note: about, outcome: &outcome, db)
        }
        if header.readGroupCount == 0 {
            try raise(.noReadGroups, kind: .genomicFile, target: objectHash, note: about, outcome: &outcome, db)
        }
        if header.hasEndOfFileBlock == false {
            try raise(.truncatedBGZF, kind: .genomicFile, target: objectHash, note: about, outcome: &outcome, db)
        }
    }

    /// Finds or creates sample `name`; facts the sample lacks are filled from this file (first file wins).
    private func findOrInsertSample(_ name: String, header: GenomicHeader, _ db: Database) throws -> Int64 {
        let assay = header.sampleAssays[name] ?? header.assay
        if let id = try fetchID("SELECT id FROM sample WHERE datasetId = ? AND name = ?", [datasetId, name], db)
        {
            try execute(
                """
                UPDATE sample SET assay = IFNULL(assay, ?), referenceGenome = IFNULL(referenceGenome, ?),
                platform = IFNULL(platform, ?), aligner = IFNULL(aligner, ?),
                variantCaller = IFNULL(variantCaller, ?)
                WHERE id = ?
                """,
                [assay, header.referenceGenome, header.platform, header.aligner, header.variantCaller, id], db)
            return id
        }
        var sample = Sample(
            datasetId: datasetId, name: name, assay: assay, platform: header.platform,
            referenceGenome: header.referenceGenome, aligner: header.aligner, variantCaller: header.variantCaller)
        try sample.insert(db)
        return sample.id ?? db.lastInsertedRowID
    }

    /// A file name up to its first dot (`S1.sorted.bam` → `S1`): the convention that ties one sample's BAM,
    /// VCF and FASTQ files together, used to file unnamed samples and to find sample-name mismatches.
    static func fileStem(of path: String) -> String {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = fileName.split(separator: ".", maxSplits: 1).first.map(String.init) ?? fileName
        return stem.isEmpty ? fileName : stem
    }

    // MARK: - Helpers

    /// Runs `sql` through the connection's statement cache: ingest repeats a few statements per file.
    private func execute(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func fetchID(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func raise(
        _ rule: QualityRule, kind: FlagTargetKind, target: String, note: String, outcome: inout Outcome, _ db: Database
    ) throws {
        if try flagRaiser.raise(rule, datasetId: datasetId, kind: kind, target: target, note: note, now: date, CatalogTransaction(unmoved: db)) {
            outcome.flagsRaised[rule.code, default: 0] += 1
        }
    }

    /// DICOM's multi-valued decimal form (`0.5\0.5`), which the QC rules parse back.
    static func decimalString(_ values: [Double]) -> String {
        values.map { String($0) }.joined(separator: "\\")
    }
}
