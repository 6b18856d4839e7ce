import Catalog
import DICOM
import Foundation
import GRDB
import Storage

extension Lake {
    /// Explains `id`: an object (SHA-256, or a SOP Instance UID or sample resolving to objects) or a
    /// version (`DATASET@VERSION`). Restricted datasets need a reading role or a grant (audited).
    public func explain(_ id: String) throws -> Explanation {
        try authorize(.read)
        if id.contains("@") { return try explainVersion(id) }
        let objectId = try catalog.reader.read { db -> Int64 in
            if let digest = ObjectDigest(hex: id),
                let found = try Int64.fetchOne(db, sql: "SELECT id FROM object WHERE sha256 = ?", arguments: [digest.hex])
            {
                return found
            }
            if let found = try Int64.fetchOne(
                db, sql: "SELECT objectId FROM instance WHERE sopInstanceUID = ? LIMIT 1", arguments: [id])
            {
                return found
            }
            if let found = try Int64.fetchOne(
                db, sql: "SELECT objectId FROM versionEntry WHERE sopInstanceUID = ? LIMIT 1", arguments: [id])
            {
                return found
            }
            throw LakeError.notFound(kind: "object or SOP Instance UID", id: id)
        }
        return try explainObject(objectId)
    }

    // MARK: - Objects

    private func explainObject(_ objectId: Int64) throws -> Explanation {
        var explanation = try catalog.reader.read { db -> Explanation in
            guard let object = try CatalogObject.fetchOne(db, key: objectId) else {
                throw LakeError.notFound(kind: "object", id: String(objectId))
            }
            let ingests = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.name, f.path, f.ingestedAt FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                    WHERE f.objectId = ? ORDER BY f.ingestedAt
                    """,
                arguments: [objectId]
            ).map { row in
                Explanation.Ingest(
                    dataset: row[0], path: row[1], ingestedAt: row[2],
                    actors: try String.fetchAll(
                        db, sql: "SELECT DISTINCT actor FROM auditEvent WHERE action = 'ingest' AND target = ? ORDER BY actor",
                        arguments: [row[0] as String]))
            }
            let memberships = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.versionId, e.path FROM versionEntry e WHERE e.objectId = ? ORDER BY e.versionId
                    """,
                arguments: [objectId]
            ).map { row in try membership(versionId: row[0], path: row[1], db) }
            return Explanation(
                kind: "object", id: object.sha256, object: object,
                location: try ObjectDigest(hex: object.sha256).map { try objectPath($0, tier: object.tier) },
                ingests: ingests,
                madeFrom: try derivations(column: "derivedObjectId", objectId, other: "sourceObjectId", db),
                derivedOutputs: try derivations(column: "sourceObjectId", objectId, other: "derivedObjectId", db),
                versions: memberships, deidentification: nil,
                history: try auditHistory(targets: ingests.map(\.dataset) + memberships.map(\.version), db))
        }
        for dataset in Set(explanation.ingests.map(\.dataset) + explanation.versions.map { datasetName(of: $0.version) }) {
            try authorizeDatasetRead(dataset, purpose: "explain")
        }
        // The tags present now, read from the object itself: the recorded transform is a claim, this is the fact.
        if let location = explanation.location,
            let file = try? DICOMReader.read(path: location, options: .headerOnly),
            file.dataSet.contains(.sopInstanceUID)
        {
            explanation.deidentification = Explanation.DeidentificationState(
                recorded: explanation.madeFrom.first?.transform,
                patientIdentityRemoved: file.dataSet.string(AttributeTag(rawValue: 0x0012_0062)),
                method: file.dataSet.string(AttributeTag(rawValue: 0x0012_0063)),
                privateAttributes: file.dataSet.elements.filter { $0.tag.isPrivate }.count,
                findings: PHIScanner.scan(file.dataSet, options: configuration.governance.deidentification))
        }
        return explanation
    }

    // MARK: - Versions

    private func explainVersion(_ reference: String) throws -> Explanation {
        let explanation = try catalog.reader.read { db -> Explanation in
            let resolved = try resolvePublished(reference, CatalogTransaction(unmoved: db))
            let ingests = try Row.fetchAll(
                db,
                sql: """
                    SELECT actor, MIN(time) AS first FROM auditEvent WHERE action = 'ingest' AND target = ?
                    GROUP BY actor ORDER BY actor
                    """,
                arguments: [resolved.dataset.name]
            ).map { row in
                Explanation.Ingest(
                    dataset: resolved.dataset.name, path: "", ingestedAt: Date(timeIntervalSince1970: Double(row[1] as Int64) / 1000),
                    actors: [row[0]])
            }
            var versions = [try membership(versionId: resolved.version.id ?? 0, path: nil, db)]
            var parent = resolved.version.parentId
            while let id = parent, let version = try DatasetVersion.fetchOne(db, key: id) {
                versions.append(try membership(versionId: id, path: nil, db))
                parent = version.parentId
            }
            let derivations = try derivations(versionId: resolved.version.id ?? 0, db)
            return Explanation(
                kind: "version", id: resolved.record.hash, object: nil, location: nil, ingests: ingests,
                madeFrom: derivations, derivedOutputs: [], versions: versions, deidentification: nil,
                history: try auditHistory(targets: [resolved.dataset.name] + versions.map(\.version), db))
        }
        try authorizeDatasetRead(datasetName(of: reference), purpose: "explain")
        return explanation
    }

    // MARK: - Parts

    private func membership(versionId: Int64, path: String?, _ db: Database) throws -> Explanation.Membership {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT d.name, v.number, m.hash, m.zone, m.body FROM datasetVersion v
                JOIN dataset d ON d.id = v.datasetId JOIN versionManifest m ON m.versionId = v.id WHERE v.id = ?
                """,
            arguments: [versionId])
        guard let row else { throw LakeError.notFound(kind: "version", id: String(versionId)) }
        let hash: String = row[2]
        let manifest = try? Manifest.parse(Data((row[4] as String).utf8), source: hash)
        let promotions = try Promotion.filter(Promotion.Columns.targetVersionId == versionId).fetchAll(db).map { promotion in
            let approvers = try String.fetchAll(
                db,
                sql: "SELECT approver FROM promotionApproval WHERE promotionId = ? AND decision = 'approve' ORDER BY id",
                arguments: [promotion.id])
            return "promotion \(promotion.id ?? 0) requested by \(promotion.requester), approved by "
                + approvers.joined(separator: ", ")
        }
        return Explanation.Membership(
            version: "\(row[0] as String)@\(row[1] as Int)", manifest: hash, zone: row[3], path: path,
            transforms: manifest?.transforms.map(\.name) ?? [], promotions: promotions,
            runs: try TrainingRun.filter(TrainingRun.Columns.manifestHash == hash).order(TrainingRun.Columns.id).fetchAll(db),
            stagings: try RunStaging.filter(RunStaging.Columns.manifestHash == hash).order(RunStaging.Columns.id).fetchAll(db))
    }

    private func derivations(column: String, _ objectId: Int64, other: String, _ db: Database) throws
        -> [Explanation.Derivation]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
                  o.tier AS tier, o.sha256 AS otherSHA
                FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
                JOIN object o ON o.id = e.\(other) WHERE e.\(column) = ? ORDER BY e.id
                """,
            arguments: [objectId]
        ).map { try derivation($0, db) }
    }

    private func derivations(versionId: Int64, _ db: Database) throws -> [Explanation.Derivation] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.sha256 AS source, d.sha256 AS derived, e.promotionId, e.transform, e.versionId,
                  d.tier AS tier, d.sha256 AS otherSHA
                FROM lineageEdge e JOIN object s ON s.id = e.sourceObjectId JOIN object d ON d.id = e.derivedObjectId
                WHERE e.versionId = ? ORDER BY e.id LIMIT 1000
                """,
            arguments: [versionId]
        ).map { try derivation($0, db) }
    }

    private func derivation(_ row: Row, _ db: Database) throws -> Explanation.Derivation {
        let version = try Row.fetchOne(
            db,
            sql: "SELECT d.name, v.number FROM datasetVersion v JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?",
            arguments: [row["versionId"] as Int64])
        let otherSHA: String = row["otherSHA"]
        let tierName: String = row["tier"]
        let location = (try? ObjectDigest(hex: otherSHA).map { try objectPath($0, tier: tierName) }) ?? nil
        return Explanation.Derivation(
            source: row["source"], derived: row["derived"],
            version: version.map { "\($0[0] as String)@\($0[1] as Int)" } ?? "",
            promotion: row["promotionId"],
            transform: try? JSONDecoder().decode(ManifestTransform.self, from: Data((row["transform"] as String).utf8)),
            location: "\(tierName): \(location ?? "")")
    }

    private func auditHistory(targets: [String], _ db: Database) throws -> [AuditEvent] {
        try AuditEvent.filter(targets.contains(AuditEvent.Columns.target))
            .order(AuditEvent.Columns.seq.desc).limit(50).fetchAll(db).reversed()
    }

    private func datasetName(of reference: String) -> String {
        String(reference.split(separator: "@", maxSplits: 1).first ?? "")
    }
}
