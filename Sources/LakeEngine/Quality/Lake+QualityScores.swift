import Catalog
import Foundation

extension Lake {
    /// The live quality score of version `reference` (`DATASET@N`, or `DATASET` for its newest version,
    /// the draft included): the lake's formula over the flags on its members as they stand now.
    public func qualityScore(_ reference: String) throws -> Double {
        try authorize(.read)
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        try authorizeDatasetRead(parts[0], purpose: "quality.score")
        return try catalog.read { tx in
            let datasetId = try existingDataset(named: parts[0], tx).id
            let version: DatasetVersion?
            if parts.count == 2 {
                let digits = parts[1].hasPrefix("v") ? String(parts[1].dropFirst()) : parts[1]
                guard let number = Int(digits) else { throw GovernanceError.versionNotFound(reference) }
                version = try tx.version(datasetId: datasetId, number: number)
            } else {
                version = try tx.latestVersion(datasetId: datasetId)
            }
            guard let version else { throw GovernanceError.versionNotFound(reference) }
            return try liveScore(of: version, datasetName: parts[0], tx)
        }
    }

    /// The live score of the newest version of every dataset, by name (datasets without a version are
    /// left out).
    public func latestQualityScores() throws -> [String: Double] {
        try authorize(.read)
        return try catalog.read { tx in
            var scores: [String: Double] = [:]
            for (name, version) in try tx.latestVersionOfEachDataset() {
                scores[name] = try liveScore(of: version, datasetName: name, tx)
            }
            return scores
        }
    }

    // MARK: - Engine

    /// `manifest` with its ``Manifest/quality`` set from its own flag snapshot, as published.
    func scored(_ manifest: Manifest) -> Manifest {
        var scored = manifest
        let formula = configuration.qualityScore
        scored.quality = ManifestQuality(
            score: formula.score(flags: manifest.flags, members: manifest.entries.count, dataset: manifest.dataset),
            formula: formula.summary)
        return scored
    }

    /// The score of `version` over the flags on its members now: a published version's entries, or the
    /// dataset's files for the draft.
    func liveScore(of version: DatasetVersion, datasetName: String, _ tx: CatalogTransaction) throws -> Double {
        let entries: [ManifestEntry]
        if let record = try version.id.flatMap({ try tx.manifest(versionId: $0) }),
            let manifest = try? Manifest.parse(Data(record.body.utf8), source: "version \(version.number)")
        {
            entries = manifest.entries
        } else {
            entries = try draftMembers(datasetId: version.datasetId, tx).map(\.entry)
        }
        let flags = try flagSnapshot(datasetId: version.datasetId, dataset: datasetName, members: entries, tx)
        return configuration.qualityScore.score(flags: flags, members: entries.count, dataset: datasetName)
    }

    /// The `quality-score` policy check: the source's live score against `[quality_score] min_<zone>`; nil
    /// when the zone sets no minimum.
    func qualityScoreCheck(_ resolved: ResolvedVersion, _ members: [VersionMember], to zone: String) throws -> PolicyCheck? {
        guard let minimum = configuration.qualityScore.minimumByZone[zone] else { return nil }
        let score = try catalog.read { tx in
            let flags = try flagSnapshot(
                datasetId: resolved.version.datasetId, dataset: resolved.dataset.name, members: members.map(\.entry), tx)
            return configuration.qualityScore.score(flags: flags, members: members.count, dataset: resolved.dataset.name)
        }
        return PolicyCheck(
            code: "quality-score", passed: score >= minimum,
            detail: score >= minimum
                ? "score \(score) meets the minimum \(minimum) for \(zone)"
                : RetentionError.scoreTooLow(reference: resolved.reference, score: score, minimum: minimum, zone: zone)
                    .description)
    }
}
