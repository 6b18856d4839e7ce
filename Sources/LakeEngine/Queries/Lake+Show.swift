import Catalog
import GRDB
import Storage

extension Lake {
    /// Finds what `id` names — an object hash, a SOP Instance, Series or Study UID, a sample or a dataset
    /// name — and describes every match (a UID ingested into two datasets matches twice).
    /// Matches in restricted datasets the actor may not read are left out (reads through a grant are
    /// audited); an object is shown when one dataset holding it is readable.
    /// - Throws: ``LakeError/notFound(kind:id:)`` when nothing matches;
    ///   ``GovernanceError/accessDenied(user:dataset:expiredGrant:scope:)`` when every match is restricted.
    public func show(_ id: String) throws -> [CatalogEntry] {
        try authorize(.read)
        let (entries, holders) = try catalog.reader.read { db -> ([CatalogEntry], [String]) in
            if let digest = ObjectDigest(hex: id) {
                let holders = try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT d.name FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                        JOIN object o ON o.id = f.objectId WHERE o.sha256 = ?
                        """,
                    arguments: [digest.hex])
                return (try objectEntries(digest.hex, db), holders)
            }
            var entries: [CatalogEntry] = []
            entries += try instanceEntries(id, db)
            entries += try seriesEntries(id, db)
            entries += try studyEntries(id, db)
            entries += try sampleEntries(id, db)
            entries += try datasetEntries(id, db)
            return (entries, [])
        }
        guard !entries.isEmpty else { throw LakeError.notFound(kind: "object, UID, sample or dataset", id: id) }
        if !holders.isEmpty {
            try authorizeAnyDatasetRead(holders, purpose: "show")
            return entries
        }
        let readable = try readableDatasets(Set(entries.compactMap(\.dataset)), purpose: "show")
        let visible = entries.filter { entry in entry.dataset.map(readable.contains) ?? true }
        // Nothing readable: the check throws the denial naming the dataset.
        if visible.isEmpty { try authorizeAnyDatasetRead(entries.compactMap(\.dataset), purpose: "show") }
        return visible
    }

    // MARK: - Kinds

    private func objectEntries(_ hash: String, _ db: Database) throws -> [CatalogEntry] {
        guard let object = try CatalogObject.filter(CatalogObject.Columns.sha256 == hash).fetchOne(db),
            let objectId = object.id
        else { return [] }
        let memberships = try Row.fetchAll(
            db,
            sql: """
                SELECT d.name, f.path, f.format FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                WHERE f.objectId = ? ORDER BY d.name
                """,
            arguments: [objectId])
        var fields = [CatalogEntry.Field(name: "size", value: String(object.size))]
        for row in memberships {
            fields.append(.init(name: "in dataset", value: "\(row["name"] as String) (\(row["format"] as String)) from \(row["path"] as String)"))
        }
        return [CatalogEntry(
            kind: "object", id: hash, dataset: memberships.first?["name"], fields: fields,
            objects: try locations([objectId], db), flags: try flags(targets: [hash], db),
            history: try history(targets: memberships.map { $0["name"] }, db))]
    }

    private func instanceEntries(_ uid: String, _ db: Database) throws -> [CatalogEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT i.*, s.seriesInstanceUID, s.modality, t.studyInstanceUID, d.name AS datasetName
                FROM instance i JOIN series s ON s.id = i.seriesId JOIN study t ON t.id = s.studyId
                JOIN dataset d ON d.id = s.datasetId WHERE i.sopInstanceUID = ?
                """,
            arguments: [uid])
        return try rows.map { row in
            let instance = try Instance(row: row)
            let dataset: String = row["datasetName"]
            let fields: [(String, String?)] = [
                ("study", row["studyInstanceUID"]), ("series", row["seriesInstanceUID"]), ("modality", row["modality"]),
                ("SOP class", instance.sopClassUID), ("instance number", instance.instanceNumber.map(String.init)),
                ("transfer syntax", instance.transferSyntaxUID),
                ("size", instance.rows.flatMap { r in instance.columns.map { "\(r)×\($0)" } }),
                ("frames", instance.frames.map(String.init)), ("position", instance.imagePosition),
                ("orientation", instance.imageOrientation), ("pixel spacing", instance.pixelSpacing),
            ]
            return CatalogEntry(
                kind: "instance", id: uid, dataset: dataset, fields: Self.fields(fields),
                objects: try locations([instance.objectId], db),
                flags: try flags(targets: [uid, row["seriesInstanceUID"]], db),
                history: try history(targets: [dataset], db))
        }
    }

    private func seriesEntries(_ uid: String, _ db: Database) throws -> [CatalogEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.*, t.studyInstanceUID, d.name AS datasetName FROM series s JOIN study t ON t.id = s.studyId
                JOIN dataset d ON d.id = s.datasetId WHERE s.seriesInstanceUID = ?
                """,
            arguments: [uid])
        return try rows.map { row in
            let series = try Series(row: row)
            let dataset: String = row["datasetName"]
            let objectIds = try Int64.fetchAll(
                db, sql: "SELECT objectId FROM instance WHERE seriesId = ? ORDER BY instanceNumber LIMIT 1000",
                arguments: [series.id])
            return CatalogEntry(
                kind: "series", id: uid, dataset: dataset,
                fields: Self.fields([
                    ("study", row["studyInstanceUID"]), ("modality", series.modality), ("body part", series.bodyPart),
                    ("description", series.description), ("instances", String(series.instanceCount)),
                    ("frame of reference", series.frameOfReferenceUID),
                ]),
                objects: try locations(objectIds, db), flags: try flags(targets: [uid], db),
                history: try history(targets: [dataset], db))
        }
    }

    private func studyEntries(_ uid: String, _ db: Database) throws -> [CatalogEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.*, d.name AS datasetName,
                  (SELECT COUNT(*) FROM series WHERE studyId = t.id) AS seriesCount,
                  (SELECT IFNULL(SUM(instanceCount), 0) FROM series WHERE studyId = t.id) AS instanceCount
                FROM study t JOIN dataset d ON d.id = t.datasetId WHERE t.studyInstanceUID = ?
                """,
            arguments: [uid])
        return try rows.map { row in
            let study = try Study(row: row)
            let dataset: String = row["datasetName"]
            let seriesUIDs = try String.fetchAll(
                db, sql: "SELECT seriesInstanceUID FROM series WHERE studyId = ?", arguments: [study.id])
            return CatalogEntry(
                kind: "study", id: uid, dataset: dataset,
                fields: Self.fields([
                    ("patient", study.patientPseudonym), ("date", study.studyDate), ("description", study.description),
                    ("series", String(row["seriesCount"] as Int)), ("instances", String(row["instanceCount"] as Int)),
                ]),
                objects: [], flags: try flags(targets: [uid] + seriesUIDs, db),
                history: try history(targets: [dataset], db))
        }
    }

    private func sampleEntries(_ name: String, _ db: Database) throws -> [CatalogEntry] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT p.*, d.name AS datasetName FROM sample p JOIN dataset d ON d.id = p.datasetId WHERE p.name = ?",
            arguments: [name])
        return try rows.map { row in
            let sample = try Sample(row: row)
            let dataset: String = row["datasetName"]
            let files = try GenomicFile.filter(GenomicFile.Columns.sampleId == sample.id).fetchAll(db)
            let hashes = try String.fetchAll(
                db, sql: "SELECT sha256 FROM object WHERE id IN (SELECT objectId FROM genomicFile WHERE sampleId = ?)",
                arguments: [sample.id])
            var fields = Self.fields([
                ("assay", sample.assay), ("platform", sample.platform), ("reference", sample.referenceGenome),
                ("aligner", sample.aligner), ("variant caller", sample.variantCaller),
            ])
            for file in files { fields.append(.init(name: file.format, value: file.headerFacts)) }
            return CatalogEntry(
                kind: "sample", id: name, dataset: dataset, fields: fields,
                objects: try locations(files.map(\.objectId), db), flags: try flags(targets: [name] + hashes, db),
                history: try history(targets: [dataset], db))
        }
    }

    private func datasetEntries(_ name: String, _ db: Database) throws -> [CatalogEntry] {
        guard let summary = try DatasetSummary.fetchAll(db, name: name).first else { return [] }
        let dataset = summary.dataset
        let flagRows = try QualityFlag.filter(QualityFlag.Columns.datasetId == dataset.id)
            .order(QualityFlag.Columns.id).limit(200).fetchAll(db)
        return [CatalogEntry(
            kind: "dataset", id: name, dataset: name,
            fields: Self.fields([
                ("zones", summary.zones.joined(separator: ", ")), ("status", dataset.status), ("owner", dataset.owner),
                ("modalities", dataset.modalities), ("assays", dataset.assays),
                ("studies", String(summary.studyCount)), ("series", String(summary.seriesCount)),
                ("instances", String(summary.instanceCount)), ("samples", String(summary.sampleCount)),
                ("files", String(summary.fileCount)), ("bytes", String(summary.byteCount)),
            ]),
            objects: [], flags: flagRows, history: try history(targets: [name], db))]
    }

    // MARK: - Parts

    private static func fields(_ pairs: [(String, String?)]) -> [CatalogEntry.Field] {
        pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return CatalogEntry.Field(name: name, value: value)
        }
    }

    private func locations(_ objectIds: [Int64], _ db: Database) throws -> [CatalogEntry.ObjectLocation] {
        let objects = try CatalogObject.filter(keys: objectIds).order(CatalogObject.Columns.sha256).fetchAll(db)
        return try objects.map { object in
            let digest = ObjectDigest(hex: object.sha256)
            return CatalogEntry.ObjectLocation(
                sha256: object.sha256, size: object.size, tier: object.tier, state: object.state,
                path: try digest.map { try objectPath($0, tier: object.tier) } ?? "")
        }
    }

    private func flags(targets: [String], _ db: Database) throws -> [QualityFlag] {
        try QualityFlag.filter(targets.contains(QualityFlag.Columns.target)).order(QualityFlag.Columns.id).fetchAll(db)
    }

    private func history(targets: [String], _ db: Database) throws -> [AuditEvent] {
        try AuditEvent.filter(targets.contains(AuditEvent.Columns.target))
            .order(AuditEvent.Columns.seq.desc).limit(50).fetchAll(db).reversed()
    }
}
