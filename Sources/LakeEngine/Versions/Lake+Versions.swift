import Catalog
import Foundation

extension Lake {
    /// Publishes the dataset's current membership (its draft) as a new immutable version in the dataset's
    /// zone, with every member's ids and the flags on them; returns it. Needs curator or admin.
    ///
    /// The version's id is its manifest's SHA-256. Publishing again later (after more ingest or new flags)
    /// makes another version whose parent is this one; a published version never changes.
    @discardableResult
    public func publishVersion(dataset name: String) throws -> VersionSummary {
        let role = try authorize(.curate)
        return try catalog.write { tx in
            let (dataset, datasetId) = try existingDataset(named: name, tx)
            let members = try draftMembers(datasetId: datasetId, tx)
            guard !members.isEmpty else { throw LakeError.invalidArgument("Dataset \(name) has no members to publish.") }
            let parent = try tx.latestPublished(datasetId: datasetId)
            let manifest = scored(
                Manifest(
                    dataset: name, zone: dataset.zone, parent: parent?.hash, creator: actor.user, createdAt: Date(),
                    selection: "", entries: members.map(\.entry),
                    flags: try flagSnapshot(datasetId: datasetId, dataset: name, members: members.map(\.entry), tx),
                    transforms: []))
            let version = try insertPublished(
                datasetId: datasetId, parentId: parent?.versionId, manifest: manifest, members: members, tx)
            try appendAudit(
                tx, role: role, action: "version.publish", target: "\(name)@\(version.number)",
                details: ["manifest": manifest.hash, "entries": String(members.count), "zone": dataset.zone])
            return try summary(of: version, dataset: dataset, tx)
        }
    }

    /// The versions of dataset `name`, oldest first. Restricted datasets need a reading role or a grant.
    public func versions(dataset name: String) throws -> [VersionSummary] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "versions")
        return try catalog.read { tx in
            let (dataset, datasetId) = try existingDataset(named: name, tx)
            return try tx.versions(datasetId: datasetId).map { try summary(of: $0, dataset: dataset, tx) }
        }
    }

    // MARK: - Resolving references

    /// Finds the published version `reference` names: `DATASET@N`, `DATASET@vN`, `DATASET@HASHPREFIX`
    /// (8+ hex digits), `DATASET@latest`, `DATASET` (latest), or a bare manifest hash (prefix).
    func resolvePublished(_ reference: String, _ tx: CatalogTransaction) throws -> ResolvedVersion {
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var record: VersionManifest?
        if parts.count == 1 {
            if let id = try tx.dataset(named: reference)?.id {
                record = try tx.latestPublished(datasetId: id).flatMap { try tx.manifest(versionId: $0.versionId) }
            } else {
                record = try manifest(hashPrefix: reference, datasetId: nil, tx)
            }
        } else {
            guard let id = try tx.dataset(named: parts[0])?.id else { throw GovernanceError.versionNotFound(reference) }
            let selector = parts[1]
            if selector == "latest" {
                record = try tx.latestPublished(datasetId: id).flatMap { try tx.manifest(versionId: $0.versionId) }
            } else if let number = Int(selector.hasPrefix("v") ? String(selector.dropFirst()) : selector),
                selector.count < 8
            {
                guard let version = try tx.version(datasetId: id, number: number), let versionId = version.id else {
                    throw GovernanceError.versionNotFound(reference)
                }
                guard version.state == .published else { throw GovernanceError.notPublished(reference) }
                record = try tx.manifest(versionId: versionId)
            } else {
                record = try manifest(hashPrefix: selector, datasetId: id, tx)
            }
        }
        guard let record, let version = try tx.version(id: record.versionId),
            let dataset = try tx.dataset(id: version.datasetId)
        else { throw GovernanceError.versionNotFound(reference) }
        let manifest = try Manifest.parse(Data(record.body.utf8), source: reference)
        return ResolvedVersion(dataset: dataset, version: version, record: record, manifest: manifest)
    }

    private func manifest(hashPrefix: String, datasetId: Int64?, _ tx: CatalogTransaction) throws -> VersionManifest? {
        let prefix = hashPrefix.lowercased()
        guard prefix.count >= 8, prefix.count <= 64, prefix.allSatisfy(\.isHexDigit) else { return nil }
        let matches = try tx.manifests(hashPrefix: prefix, limit: 2)
        guard matches.count == 1, let match = matches.first else {
            if matches.count > 1 { throw LakeError.invalidArgument("Manifest prefix \(prefix) is ambiguous; give more digits.") }
            return nil
        }
        if let datasetId, try tx.version(id: match.versionId)?.datasetId != datasetId { return nil }
        return match
    }

    // MARK: - Writing

    /// Inserts a published version with its manifest and entries. Runs inside the caller's transaction.
    func insertPublished(
        datasetId: Int64, parentId: Int64?, manifest: Manifest, members: [VersionMember], _ tx: CatalogTransaction
    ) throws -> DatasetVersion {
        let number = try tx.nextVersionNumber(datasetId: datasetId)
        var version = DatasetVersion(
            datasetId: datasetId, number: number, state: .published, manifestHash: manifest.hash, parentId: parentId,
            createdBy: actor.user, createdAt: Date())
        try tx.insert(&version)
        guard let versionId = version.id else { throw LakeError.notFound(kind: "version", id: String(number)) }
        var record = VersionManifest(
            versionId: versionId, hash: manifest.hash, zone: manifest.zone,
            body: String(decoding: manifest.canonicalBytes, as: UTF8.self), createdAt: version.createdAt)
        try tx.insert(&record)
        for member in members {
            let entry = member.entry
            var row = VersionEntry(
                versionId: versionId, objectId: member.objectId, path: entry.path, sha256: entry.sha256,
                size: entry.size, format: entry.format, studyUID: entry.studyUID, seriesUID: entry.seriesUID,
                sopInstanceUID: entry.sopInstanceUID, modality: entry.modality, bodyPart: entry.bodyPart,
                seriesDescription: entry.seriesDescription, sample: entry.sample, assay: entry.assay)
            try tx.insert(&row)
        }
        return version
    }

    // MARK: - Reading members

    /// The dataset's current members (the draft), one per file, with their imaging or genomic ids.
    func draftMembers(datasetId: Int64, _ tx: CatalogTransaction) throws -> [VersionMember] {
        var seen: Set<String> = []
        return try tx.draftMembers(datasetId: datasetId).map { member in
            var path = member.path
            // The same path ingested twice with other bytes: keep both, told apart by their hash.
            if !seen.insert(path).inserted {
                path += "#" + member.sha256.prefix(12)
                seen.insert(path)
            }
            let entry = ManifestEntry(
                path: path, sha256: member.sha256, size: member.size, format: member.format,
                studyUID: member.studyUID, seriesUID: member.seriesUID, sopInstanceUID: member.sopInstanceUID,
                modality: member.modality, bodyPart: member.bodyPart, seriesDescription: member.seriesDescription,
                sample: member.sample, assay: member.assay)
            return VersionMember(entry: entry, objectId: member.objectId)
        }
    }

    /// The members of a published version, with their objects.
    func publishedMembers(_ resolved: ResolvedVersion, _ tx: CatalogTransaction) throws -> [VersionMember] {
        guard let versionId = resolved.version.id else { return [] }
        let objectIds = Dictionary(
            try tx.entries(versionId: versionId).map { ($0.path, $0.objectId) },
            uniquingKeysWith: { first, _ in first })
        return try resolved.manifest.entries.map { entry in
            guard let objectId = objectIds[entry.path] else {
                throw LakeError.notFound(kind: "version entry", id: entry.path)
            }
            return VersionMember(entry: entry, objectId: objectId)
        }
    }

    /// The dataset's flags on `members` (or on the dataset itself), as they stand now.
    func flagSnapshot(datasetId: Int64, dataset: String, members: [ManifestEntry], _ tx: CatalogTransaction) throws
        -> [ManifestFlag]
    {
        var targets: Set<String> = [dataset]
        for entry in members { targets.formUnion(entry.flagTargets) }
        return try tx.flags(datasetId: datasetId)
            .filter { targets.contains($0.target) }
            .map {
                ManifestFlag(target: $0.target, code: $0.code, severity: $0.severity.rawValue, state: $0.state.rawValue)
            }
    }

    func summary(of version: DatasetVersion, dataset: Dataset, _ tx: CatalogTransaction) throws -> VersionSummary {
        let record = try version.id.flatMap { try tx.manifest(versionId: $0) }
        let count =
            if let record { try tx.entryCount(versionId: record.versionId) }
            else { try dataset.id.map { try tx.fileCount(datasetId: $0) } ?? 0 }
        let parent = try version.parentId.flatMap { try tx.manifest(versionId: $0)?.hash }
        return VersionSummary(
            dataset: dataset.name, number: version.number, state: version.state, zone: record?.zone ?? dataset.zone,
            manifestHash: version.manifestHash, parent: parent, createdBy: version.createdBy,
            createdAt: version.createdAt, entryCount: count,
            qualityScore: try liveScore(of: version, datasetName: dataset.name, tx),
            publishedScore: record.flatMap { try? Manifest.parse(Data($0.body.utf8), source: "version") }?.quality?.score)
    }
}
