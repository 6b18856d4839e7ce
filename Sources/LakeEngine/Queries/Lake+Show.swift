import Catalog
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
        let (entries, holders) = try catalog.read { tx -> ([CatalogEntry], [String]) in
            if let digest = ObjectDigest(hex: id) {
                return (try objectEntries(digest.hex, tx), try tx.datasetNames(holdingObject: digest.hex))
            }
            var entries: [CatalogEntry] = []
            entries += try instanceEntries(id, tx)
            entries += try seriesEntries(id, tx)
            entries += try studyEntries(id, tx)
            entries += try sampleEntries(id, tx)
            entries += try datasetEntries(id, tx)
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

    private func objectEntries(_ hash: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        guard let object = try tx.object(sha256: hash), let objectId = object.id else { return [] }
        let memberships = try tx.memberships(objectId: objectId)
        var fields = [CatalogEntry.Field(name: "size", value: String(object.size))]
        for membership in memberships {
            fields.append(
                .init(
                    name: "in dataset",
                    value: "\(membership.datasetName) (\(membership.format)) from \(membership.path)"))
        }
        return [CatalogEntry(
            kind: .object, id: hash, dataset: memberships.first?.datasetName, fields: fields,
            objects: try locations([objectId], tx), flags: try tx.flags(targets: [hash]),
            history: try history(targets: memberships.map(\.datasetName), tx))]
    }

    private func instanceEntries(_ uid: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        return try tx.instanceMatches(sopInstanceUID: uid).map { match in
            let instance = match.record
            let dataset = match.datasetName
            let fields: [(String, String?)] = [
                ("study", match.parents["studyInstanceUID"]), ("series", match.parents["seriesInstanceUID"]),
                ("modality", match.parents["modality"]),
                ("SOP class", instance.sopClassUID), ("instance number", instance.instanceNumber.map(String.init)),
                ("transfer syntax", instance.transferSyntaxUID),
                ("size", instance.rows.flatMap { r in instance.columns.map { "\(r)×\($0)" } }),
                ("frames", instance.frames.map(String.init)), ("position", instance.imagePosition),
                ("orientation", instance.imageOrientation), ("pixel spacing", instance.pixelSpacing),
            ]
            return CatalogEntry(
                kind: .instance, id: uid, dataset: dataset, fields: Self.fields(fields),
                objects: try locations([instance.objectId], tx),
                flags: try tx.flags(targets: [uid] + [match.parents["seriesInstanceUID"]].compactMap { $0 }),
                history: try history(targets: [dataset], tx))
        }
    }

    private func seriesEntries(_ uid: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        return try tx.seriesMatches(seriesInstanceUID: uid).map { match in
            let series = match.record
            let dataset = match.datasetName
            let objectIds = try series.id.map { try tx.objectIds(seriesId: $0, limit: 1000) } ?? []
            return CatalogEntry(
                kind: .series, id: uid, dataset: dataset,
                fields: Self.fields([
                    ("study", match.parents["studyInstanceUID"]), ("modality", series.modality), ("body part", series.bodyPart),
                    ("description", series.description), ("instances", String(series.instanceCount)),
                    ("frame of reference", series.frameOfReferenceUID),
                ]),
                objects: try locations(objectIds, tx), flags: try tx.flags(targets: [uid]),
                history: try history(targets: [dataset], tx))
        }
    }

    private func studyEntries(_ uid: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        return try tx.studyMatches(studyInstanceUID: uid).map { match in
            let study = match.record
            let dataset = match.datasetName
            let seriesUIDs = try study.id.map { try tx.seriesUIDs(studyId: $0) } ?? []
            return CatalogEntry(
                kind: .study, id: uid, dataset: dataset,
                fields: Self.fields([
                    ("patient", study.patientPseudonym), ("date", study.studyDate), ("description", study.description),
                    ("series", String(match.counts["seriesCount"] ?? 0)),
                    ("instances", String(match.counts["instanceCount"] ?? 0)),
                ]),
                objects: [], flags: try tx.flags(targets: [uid] + seriesUIDs),
                history: try history(targets: [dataset], tx))
        }
    }

    private func sampleEntries(_ name: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        return try tx.sampleMatches(name: name).map { match in
            let sample = match.record
            let dataset = match.datasetName
            let files = try sample.id.map { try tx.genomicFiles(sampleId: $0) } ?? []
            let hashes = try sample.id.map { try tx.objectHashes(sampleId: $0) } ?? []
            var fields = Self.fields([
                ("assay", sample.assay), ("platform", sample.platform), ("reference", sample.referenceGenome),
                ("aligner", sample.aligner), ("variant caller", sample.variantCaller),
            ])
            for file in files { fields.append(.init(name: file.format, value: file.headerFacts)) }
            return CatalogEntry(
                kind: .sample, id: name, dataset: dataset, fields: fields,
                objects: try locations(files.map(\.objectId), tx), flags: try tx.flags(targets: [name] + hashes),
                history: try history(targets: [dataset], tx))
        }
    }

    private func datasetEntries(_ name: String, _ tx: CatalogTransaction) throws -> [CatalogEntry] {
        guard let summary = try tx.datasetSummaries(name: name).first else { return [] }
        let dataset = summary.dataset
        let flagRows = try dataset.id.map { try tx.flags(datasetId: $0, limit: 200) } ?? []
        return [CatalogEntry(
            kind: .dataset, id: name, dataset: name,
            fields: Self.fields([
                ("zones", summary.zones.joined(separator: ", ")), ("status", dataset.status.rawValue), ("owner", dataset.owner),
                ("modalities", dataset.modalities), ("assays", dataset.assays),
                ("studies", String(summary.studyCount)), ("series", String(summary.seriesCount)),
                ("instances", String(summary.instanceCount)), ("samples", String(summary.sampleCount)),
                ("files", String(summary.fileCount)), ("bytes", String(summary.byteCount)),
            ]),
            objects: [], flags: flagRows, history: try history(targets: [name], tx))]
    }

    // MARK: - Parts

    private static func fields(_ pairs: [(String, String?)]) -> [CatalogEntry.Field] {
        pairs.compactMap { name, value in
            guard let value, !value.isEmpty else { return nil }
            return CatalogEntry.Field(name: name, value: value)
        }
    }

    private func locations(_ objectIds: [Int64], _ tx: CatalogTransaction) throws -> [CatalogEntry.ObjectLocation] {
        try tx.objects(ids: objectIds).map { object in
            let digest = ObjectDigest(hex: object.sha256)
            return CatalogEntry.ObjectLocation(
                sha256: object.sha256, size: object.size, tier: object.tier, state: object.state,
                path: try digest.map { try objectPath($0, tier: object.tier) } ?? "")
        }
    }

    private func history(targets: [String], _ tx: CatalogTransaction) throws -> [AuditEvent] {
        try tx.auditHistory(targets: targets, limit: 50)
    }
}
