import Catalog
import Foundation
import GRDB

extension Lake {
    /// The live quality score of version `reference` (`DATASET@N`, or `DATASET` for its newest version,
    /// the draft included): the lake's formula over the flags on its members as they stand now.
    public func qualityScore(_ reference: String) throws -> Double {
        try authorize(.read)
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        try authorizeDatasetRead(parts[0], purpose: "quality.score")
        return try catalog.reader.read { db in
            let datasetId = try datasetId(named: parts[0], db)
            var request = DatasetVersion.filter(DatasetVersion.Columns.datasetId == datasetId)
            if parts.count == 2 {
                let digits = parts[1].hasPrefix("v") ? String(parts[1].dropFirst()) : parts[1]
                guard let number = Int(digits) else { throw GovernanceError.versionNotFound(reference) }
                request = request.filter(DatasetVersion.Columns.number == number)
            } else {
                request = request.order(DatasetVersion.Columns.number.desc)
            }
            guard let version = try request.fetchOne(db) else { throw GovernanceError.versionNotFound(reference) }
            return try liveScore(of: version, datasetName: parts[0], db)
        }
    }

    /// The live score of the newest version of every dataset, by name (datasets without a version are
    /// left out).
    public func latestQualityScores() throws -> [String: Double] {
        try authorize(.read)
        return try catalog.reader.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.name, v.id FROM dataset d JOIN datasetVersion v ON v.datasetId = d.id
                    WHERE v.number = (SELECT MAX(number) FROM datasetVersion WHERE datasetId = d.id)
                    """)
            var scores: [String: Double] = [:]
            for row in rows {
                guard let version = try DatasetVersion.fetchOne(db, key: row[1] as Int64) else { continue }
                scores[row[0]] = try liveScore(of: version, datasetName: row[0], db)
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
    func liveScore(of version: DatasetVersion, datasetName: String, _ db: Database) throws -> Double {
        let entries: [ManifestEntry]
        if let record = try manifestRecord(versionId: version.id, db),
            let manifest = try? Manifest.parse(Data(record.body.utf8), source: "version \(version.number)")
        {
            entries = manifest.entries
        } else {
            entries = try draftMembers(datasetId: version.datasetId, db).map(\.entry)
        }
        let flags = try flagSnapshot(datasetId: version.datasetId, dataset: datasetName, members: entries, db)
        return configuration.qualityScore.score(flags: flags, members: entries.count, dataset: datasetName)
    }

    /// The `quality-score` policy check: the source's live score against `[quality_score] min_<zone>`; nil
    /// when the zone sets no minimum.
    func qualityScoreCheck(_ resolved: ResolvedVersion, _ members: [VersionMember], to zone: String) throws -> PolicyCheck? {
        guard let minimum = configuration.qualityScore.minimumByZone[zone] else { return nil }
        let score = try catalog.reader.read { db in
            let flags = try flagSnapshot(
                datasetId: resolved.version.datasetId, dataset: resolved.dataset.name, members: members.map(\.entry), db)
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
