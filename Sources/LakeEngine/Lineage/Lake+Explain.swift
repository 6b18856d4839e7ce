import Catalog
import DICOM
import Foundation
import Storage

extension Lake {
    /// Explains `id`: an object (SHA-256, or a SOP Instance UID or sample resolving to objects) or a
    /// version (`DATASET@VERSION`). Restricted datasets need a reading role or a grant (audited).
    public func explain(_ id: String) throws -> Explanation {
        try authorize(.read)
        if id.contains("@") { return try explainVersion(id) }
        let objectId = try catalog.read { tx -> Int64 in
            if let digest = ObjectDigest(hex: id), let found = try tx.object(sha256: digest.hex)?.id { return found }
            if let found = try tx.objectId(sopInstanceUID: id) { return found }
            throw LakeError.notFound(kind: "object or SOP Instance UID", id: id)
        }
        return try explainObject(objectId)
    }

    // MARK: - Objects

    private func explainObject(_ objectId: Int64) throws -> Explanation {
        var explanation = try catalog.read { tx -> Explanation in
            guard let object = try tx.object(id: objectId) else {
                throw LakeError.notFound(kind: "object", id: String(objectId))
            }
            let ingests = try tx.ingests(objectId: objectId).map { ingest in
                Explanation.Ingest(
                    dataset: ingest.datasetName, path: ingest.path, ingestedAt: ingest.ingestedAt,
                    actors: try tx.ingestActors(datasetName: ingest.datasetName).map(\.actor))
            }
            let memberships = try tx.versionEntries(objectId: objectId).map { entry in
                try membership(versionId: entry.versionId, path: entry.path, tx)
            }
            return Explanation(
                kind: .object, id: object.sha256, object: object,
                location: try ObjectDigest(hex: object.sha256).map { try objectPath($0, tier: object.tier) },
                ingests: ingests,
                madeFrom: try tx.lineageLinks(objectId: objectId, madeFrom: true).map { try derivation($0, tx) },
                derivedOutputs: try tx.lineageLinks(objectId: objectId, madeFrom: false).map { try derivation($0, tx) },
                versions: memberships, deidentification: nil,
                history: try tx.auditHistory(targets: ingests.map(\.dataset) + memberships.map(\.version), limit: 50))
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
        let explanation = try catalog.read { tx -> Explanation in
            let resolved = try resolvePublished(reference, tx)
            let ingests = try tx.ingestActors(datasetName: resolved.dataset.name).map { actor, first in
                Explanation.Ingest(dataset: resolved.dataset.name, path: "", ingestedAt: first, actors: [actor])
            }
            var versions = [try membership(versionId: resolved.version.id ?? 0, path: nil, tx)]
            var parent = resolved.version.parentId
            while let id = parent, let version = try tx.version(id: id) {
                versions.append(try membership(versionId: id, path: nil, tx))
                parent = version.parentId
            }
            let derivations = try tx.lineageLinks(versionId: resolved.version.id ?? 0, limit: 1000)
                .map { try derivation($0, tx) }
            return Explanation(
                kind: .version, id: resolved.record.hash, object: nil, location: nil, ingests: ingests,
                madeFrom: derivations, derivedOutputs: [], versions: versions, deidentification: nil,
                history: try tx.auditHistory(targets: [resolved.dataset.name] + versions.map(\.version), limit: 50))
        }
        try authorizeDatasetRead(datasetName(of: reference), purpose: "explain")
        return explanation
    }

    // MARK: - Parts

    private func membership(versionId: Int64, path: String?, _ tx: CatalogTransaction) throws
        -> Explanation.Membership
    {
        guard let published = try tx.publishedVersion(id: versionId) else {
            throw LakeError.notFound(kind: "version", id: String(versionId))
        }
        let hash = published.manifest.hash
        let manifest = try? Manifest.parse(Data(published.manifest.body.utf8), source: hash)
        let promotions = try tx.promotions(targetVersionId: versionId).map { promotion, approvers in
            "promotion \(promotion.id ?? 0) requested by \(promotion.requester), approved by "
                + approvers.joined(separator: ", ")
        }
        return Explanation.Membership(
            version: "\(published.datasetName)@\(published.number)", manifest: hash, zone: published.manifest.zone,
            path: path,
            transforms: manifest?.transforms.map(\.name) ?? [], promotions: promotions,
            runs: try tx.trainingRuns(manifestHash: hash).reversed(), stagings: try tx.stagings(manifestHash: hash))
    }

    private func derivation(_ link: LineageLink, _ tx: CatalogTransaction) throws -> Explanation.Derivation {
        let location = (try? ObjectDigest(hex: link.otherSHA256).map { try objectPath($0, tier: link.otherTier) }) ?? nil
        return Explanation.Derivation(
            source: link.sourceSHA256, derived: link.derivedSHA256,
            version: try tx.versionReference(id: link.versionId) ?? "", promotion: link.promotionId,
            transform: try? JSONDecoder().decode(ManifestTransform.self, from: Data(link.transform.utf8)),
            location: "\(link.otherTier): \(location ?? "")")
    }

    private func datasetName(of reference: String) -> String {
        String(reference.split(separator: "@", maxSplits: 1).first ?? "")
    }
}
