import Catalog
import Foundation
import GRDB

extension Lake {
    /// Publishes the dataset's current membership (its draft) as a new immutable version in the dataset's
    /// zone, with every member's ids and the flags on them; returns it. Needs curator or admin.
    ///
    /// The version's id is its manifest's SHA-256. Publishing again later (after more ingest or new flags)
    /// makes another version whose parent is this one; a published version never changes.
    @discardableResult
    public func publishVersion(dataset name: String) throws -> VersionSummary {
        let role = try authorize(.curate)
        return try catalog.pool.write { db in
            guard let dataset = try Dataset.filter(Dataset.Columns.name == name).fetchOne(db), let datasetId = dataset.id
            else { throw LakeError.notFound(kind: "dataset", id: name) }
            let members = try draftMembers(datasetId: datasetId, db)
            guard !members.isEmpty else { throw LakeError.invalidArgument("Dataset \(name) has no members to publish.") }
            let parent = try latestPublished(datasetId: datasetId, db)
            let manifest = scored(
                Manifest(
                    dataset: name, zone: dataset.zone, parent: parent?.hash, creator: actor.user, createdAt: Date(),
                    selection: "", entries: members.map(\.entry),
                    flags: try flagSnapshot(datasetId: datasetId, dataset: name, members: members.map(\.entry), db),
                    transforms: []))
            let version = try insertPublished(
                datasetId: datasetId, parentId: parent?.versionId, manifest: manifest, members: members, db)
            try appendAudit(
                db, role: role, action: "version.publish", target: "\(name)@\(version.number)",
                details: ["manifest": manifest.hash, "entries": String(members.count), "zone": dataset.zone])
            return try summary(of: version, dataset: dataset, db)
        }
    }

    /// The versions of dataset `name`, oldest first. Restricted datasets need a reading role or a grant.
    public func versions(dataset name: String) throws -> [VersionSummary] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "versions")
        return try catalog.reader.read { db in
            guard let dataset = try Dataset.filter(Dataset.Columns.name == name).fetchOne(db) else {
                throw LakeError.notFound(kind: "dataset", id: name)
            }
            return try DatasetVersion.filter(DatasetVersion.Columns.datasetId == dataset.id)
                .order(DatasetVersion.Columns.number).fetchAll(db)
                .map { try summary(of: $0, dataset: dataset, db) }
        }
    }

    // MARK: - Resolving references

    /// Finds the published version `reference` names: `DATASET@N`, `DATASET@vN`, `DATASET@HASHPREFIX`
    /// (8+ hex digits), `DATASET@latest`, `DATASET` (latest), or a bare manifest hash (prefix).
    func resolvePublished(_ reference: String, _ db: Database) throws -> ResolvedVersion {
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var record: VersionManifest?
        if parts.count == 1 {
            if let dataset = try Dataset.filter(Dataset.Columns.name == reference).fetchOne(db), let id = dataset.id {
                record = try latestPublished(datasetId: id, db).flatMap { try manifestRecord(versionId: $0.versionId, db) }
            } else {
                record = try manifest(hashPrefix: reference, datasetId: nil, db)
            }
        } else {
            guard let dataset = try Dataset.filter(Dataset.Columns.name == parts[0]).fetchOne(db), let id = dataset.id
            else { throw GovernanceError.versionNotFound(reference) }
            let selector = parts[1]
            if selector == "latest" {
                record = try latestPublished(datasetId: id, db).flatMap { try manifestRecord(versionId: $0.versionId, db) }
            } else if let number = Int(selector.hasPrefix("v") ? String(selector.dropFirst()) : selector),
                selector.count < 8
            {
                guard let version = try DatasetVersion.filter(
                    DatasetVersion.Columns.datasetId == id && DatasetVersion.Columns.number == number
                ).fetchOne(db) else { throw GovernanceError.versionNotFound(reference) }
                guard version.state == "published" else { throw GovernanceError.notPublished(reference) }
                record = try manifestRecord(versionId: version.id, db)
            } else {
                record = try manifest(hashPrefix: selector, datasetId: id, db)
            }
        }
        guard let record, let version = try DatasetVersion.fetchOne(db, key: record.versionId),
            let dataset = try Dataset.fetchOne(db, key: version.datasetId)
        else { throw GovernanceError.versionNotFound(reference) }
        let manifest = try Manifest.parse(Data(record.body.utf8), source: reference)
        return ResolvedVersion(dataset: dataset, version: version, record: record, manifest: manifest)
    }

    func manifestRecord(versionId: Int64?, _ db: Database) throws -> VersionManifest? {
        try VersionManifest.filter(VersionManifest.Columns.versionId == versionId).fetchOne(db)
    }

    private func manifest(hashPrefix: String, datasetId: Int64?, _ db: Database) throws -> VersionManifest? {
        let prefix = hashPrefix.lowercased()
        guard prefix.count >= 8, prefix.count <= 64, prefix.allSatisfy(\.isHexDigit) else { return nil }
        let matches = try VersionManifest.fetchAll(
            db, sql: "SELECT * FROM versionManifest WHERE substr(hash, 1, ?) = ? LIMIT 2",
            arguments: [prefix.count, prefix])
        guard matches.count == 1, let match = matches.first else {
            if matches.count > 1 { throw LakeError.invalidArgument("Manifest prefix \(prefix) is ambiguous; give more digits.") }
            return nil
        }
        if let datasetId, try DatasetVersion.fetchOne(db, key: match.versionId)?.datasetId != datasetId { return nil }
        return match
    }

    /// The newest published version of a dataset, as (version id, manifest hash).
    func latestPublished(datasetId: Int64, _ db: Database) throws -> (versionId: Int64, hash: String)? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT v.id, m.hash FROM datasetVersion v JOIN versionManifest m ON m.versionId = v.id
                WHERE v.datasetId = ? ORDER BY v.number DESC LIMIT 1
                """,
            arguments: [datasetId])
        guard let row else { return nil }
        return (row[0], row[1])
    }

    // MARK: - Writing

    /// Inserts a published version with its manifest and entries. Runs inside the caller's transaction.
    func insertPublished(
        datasetId: Int64, parentId: Int64?, manifest: Manifest, members: [VersionMember], _ db: Database
    ) throws -> DatasetVersion {
        let number = (try Int.fetchOne(
            db, sql: "SELECT MAX(number) FROM datasetVersion WHERE datasetId = ?", arguments: [datasetId]) ?? 0) + 1
        var version = DatasetVersion(
            datasetId: datasetId, number: number, state: "published", manifestHash: manifest.hash, parentId: parentId,
            createdBy: actor.user, createdAt: Date())
        try version.insert(db)
        guard let versionId = version.id else { throw LakeError.notFound(kind: "version", id: String(number)) }
        var record = VersionManifest(
            versionId: versionId, hash: manifest.hash, zone: manifest.zone,
            body: String(decoding: manifest.canonicalBytes, as: UTF8.self), createdAt: version.createdAt)
        try record.insert(db)
        for member in members {
            let entry = member.entry
            var row = VersionEntry(
                versionId: versionId, objectId: member.objectId, path: entry.path, sha256: entry.sha256,
                size: entry.size, format: entry.format, studyUID: entry.studyUID, seriesUID: entry.seriesUID,
                sopInstanceUID: entry.sopInstanceUID, modality: entry.modality, bodyPart: entry.bodyPart,
                seriesDescription: entry.seriesDescription, sample: entry.sample, assay: entry.assay)
            try row.insert(db)
        }
        return version
    }

    // MARK: - Reading members

    /// The dataset's current members (the draft), one per file, with their imaging or genomic ids.
    func draftMembers(datasetId: Int64, _ db: Database) throws -> [VersionMember] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.path, f.format, o.id AS objectId, o.sha256, o.size,
                  MIN(t.studyInstanceUID) AS studyUID, MIN(s.seriesInstanceUID) AS seriesUID,
                  MIN(i.sopInstanceUID) AS sopUID, MIN(s.modality) AS modality, MIN(s.bodyPart) AS bodyPart,
                  MIN(s.description) AS description, GROUP_CONCAT(DISTINCT sm.name) AS sample,
                  MIN(sm.assay) AS assay
                FROM datasetFile f JOIN object o ON o.id = f.objectId
                LEFT JOIN instance i ON i.objectId = o.id
                  AND i.seriesId IN (SELECT id FROM series WHERE datasetId = f.datasetId)
                LEFT JOIN series s ON s.id = i.seriesId
                LEFT JOIN study t ON t.id = s.studyId
                LEFT JOIN genomicFile g ON g.objectId = o.id
                  AND g.sampleId IN (SELECT id FROM sample WHERE datasetId = f.datasetId)
                LEFT JOIN sample sm ON sm.id = g.sampleId
                WHERE f.datasetId = ? GROUP BY f.id ORDER BY f.path, o.sha256
                """,
            arguments: [datasetId])
        var seen: Set<String> = []
        return rows.map { row in
            let sha: String = row["sha256"]
            var path: String = row["path"]
            // The same path ingested twice with other bytes: keep both, told apart by their hash.
            if !seen.insert(path).inserted {
                path += "#" + sha.prefix(12)
                seen.insert(path)
            }
            let entry = ManifestEntry(
                path: path, sha256: sha, size: row["size"], format: row["format"], studyUID: row["studyUID"],
                seriesUID: row["seriesUID"], sopInstanceUID: row["sopUID"], modality: row["modality"],
                bodyPart: row["bodyPart"], seriesDescription: row["description"], sample: row["sample"],
                assay: row["assay"])
            return VersionMember(entry: entry, objectId: row["objectId"])
        }
    }

    /// The members of a published version, with their objects.
    func publishedMembers(_ resolved: ResolvedVersion, _ db: Database) throws -> [VersionMember] {
        let objectIds = Dictionary(
            try VersionEntry.filter(VersionEntry.Columns.versionId == resolved.version.id).fetchAll(db)
                .map { ($0.path, $0.objectId) },
            uniquingKeysWith: { first, _ in first })
        return try resolved.manifest.entries.map { entry in
            guard let objectId = objectIds[entry.path] else {
                throw LakeError.notFound(kind: "version entry", id: entry.path)
            }
            return VersionMember(entry: entry, objectId: objectId)
        }
    }

    /// The dataset's flags on `members` (or on the dataset itself), as they stand now.
    func flagSnapshot(datasetId: Int64, dataset: String, members: [ManifestEntry], _ db: Database) throws
        -> [ManifestFlag]
    {
        var targets: Set<String> = [dataset]
        for entry in members { targets.formUnion(entry.flagTargets) }
        return try QualityFlag.filter(QualityFlag.Columns.datasetId == datasetId).fetchAll(db)
            .filter { targets.contains($0.target) }
            .map { ManifestFlag(target: $0.target, code: $0.code, severity: $0.severity, state: $0.state) }
    }

    func summary(of version: DatasetVersion, dataset: Dataset, _ db: Database) throws -> VersionSummary {
        let record = try manifestRecord(versionId: version.id, db)
        let count = record == nil
            ? try DatasetFile.filter(DatasetFile.Columns.datasetId == dataset.id).fetchCount(db)
            : try VersionEntry.filter(VersionEntry.Columns.versionId == version.id).fetchCount(db)
        let parent = try version.parentId.flatMap {
            try VersionManifest.filter(VersionManifest.Columns.versionId == $0).fetchOne(db)?.hash
        }
        return VersionSummary(
            dataset: dataset.name, number: version.number, state: version.state, zone: record?.zone ?? dataset.zone,
            manifestHash: version.manifestHash, parent: parent, createdBy: version.createdBy,
            createdAt: version.createdAt, entryCount: count,
            qualityScore: try liveScore(of: version, datasetName: dataset.name, db),
            publishedScore: record.flatMap { try? Manifest.parse(Data($0.body.utf8), source: "version") }?.quality?.score)
    }
}
