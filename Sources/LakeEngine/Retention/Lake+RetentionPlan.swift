import Catalog
import Foundation
import GRDB

extension Lake {
    /// What the retention policies let go at `now`.
    ///
    /// An object may be deleted only when, for every dataset and zone referencing it (a dataset's files,
    /// and every version's entries, of any dataset), the policy that applies has a maximum keep that has
    /// run out and a minimum keep that is over. Objects under a legal hold, already in a deletion request
    /// or moving between tiers are left out and counted.
    public func retentionPlan(now: Date = Date()) throws -> RetentionPlan {
        try authorize(.read)
        return try catalog.reader.read { db in try retentionPlan(now: now, db) }
    }

    /// The keep period of dataset `name`: its override, or the first policy matching its zone and label.
    public func retentionStanding(of name: String) throws -> RetentionStanding {
        try authorize(.read)
        return try catalog.reader.read { db in
            guard let dataset = try Dataset.filter(Dataset.Columns.name == name).fetchOne(db) else {
                throw LakeError.notFound(kind: "dataset", id: name)
            }
            return try standing(of: dataset, zone: dataset.zone, db)
        }
    }

    /// Replaces the `lake.toml` policy of dataset `name` by a keep period of its own (nil: no minimum, or
    /// no maximum). Needs admin; audited with the reason.
    @discardableResult
    public func setRetentionOverride(dataset name: String, minDays: Double?, maxDays: Double?, reason: String) throws
        -> RetentionStanding
    {
        let role = try authorize(.configure)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        if let minDays, let maxDays, maxDays < minDays {
            throw LakeError.invalidArgument("The maximum keep (\(maxDays) days) is shorter than the minimum (\(minDays)).")
        }
        try catalog.pool.write { db in
            let datasetId = try existingDataset(named: name, CatalogTransaction(unmoved: db)).id
            try RetentionOverride.filter(RetentionOverride.Columns.datasetId == datasetId).deleteAll(db)
            var record = RetentionOverride(
                datasetId: datasetId, minDays: minDays, maxDays: maxDays, reason: reason, setBy: actor.user,
                setAt: Date())
            try record.insert(db)
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "retention.override", target: name,
                details: [
                    "minDays": minDays.map { String($0) } ?? "", "maxDays": maxDays.map { String($0) } ?? "",
                    "reason": reason,
                ])
        }
        return try retentionStanding(of: name)
    }

    // MARK: - Engine

    func retentionPlan(now: Date, _ db: Database) throws -> RetentionPlan {
        let held = try legallyHeldObjects(db)
        let busy = try objectsInActiveJobs(db).union(
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT i.objectId FROM retentionItem i JOIN retentionRequest r ON r.id = i.requestId
                    WHERE r.state = 'pending' AND i.state = 'pending'
                    """))
        let acquired = try acquisitionDates(db)
        var standings: [String: RetentionStanding] = [:]
        var datasets: [Int64: Dataset] = [:]
        for dataset in try Dataset.fetchAll(db) { datasets[dataset.id ?? 0] = dataset }

        var groups: [String: RetentionDeletionGroup] = [:]
        var order: [String] = []
        var oldest: [String: Double] = [:]
        var plan = RetentionPlan(generatedAt: now, deletions: [], held: 0, shared: 0, busy: 0)
        for candidate in try retentionCandidates(db) {
            var verdicts: [(standing: RetentionStanding, age: Double, expired: Bool)] = []
            for reference in candidate.references {
                guard let dataset = datasets[reference.datasetId] else { continue }
                let key = "\(reference.datasetId)\u{0}\(reference.zone)"
                let standing = try standings[key] ?? standing(of: dataset, zone: reference.zone, db)
                standings[key] = standing
                let start = standing.from == .acquisition ? acquired[candidate.id] ?? candidate.createdAt : candidate.createdAt
                let age = now.timeIntervalSince(start) / 86_400
                let expired = standing.maxDays.map { age >= $0 } == true && age >= (standing.minDays ?? 0)
                verdicts.append((standing, age, expired))
            }
            guard let first = verdicts.first(where: \.expired) else { continue }
            guard verdicts.allSatisfy(\.expired) else {
                plan.shared += 1
                continue
            }
            if held[candidate.id] != nil {
                plan.held += 1
                continue
            }
            if busy.contains(candidate.id) {
                plan.busy += 1
                continue
            }
            let rule = first.standing.rule ?? ""
            let key = rule + "\u{0}" + first.standing.dataset
            if groups[key] == nil {
                order.append(key)
                groups[key] = RetentionDeletionGroup(
                    rule: rule, dataset: first.standing.dataset, objects: 0, bytes: 0, reason: "")
            }
            groups[key]?.objects += 1
            groups[key]?.bytes += candidate.size
            groups[key]?.objectIds.append(candidate.id)
            oldest[key] = max(oldest[key] ?? 0, first.age)
            groups[key]?.reason =
                "maximum keep of \(Int(first.standing.maxDays ?? 0)) days from \(first.standing.from.rawValue) "
                + "has passed (oldest \(Int(oldest[key] ?? 0)) days)"
        }
        plan.deletions = order.compactMap { groups[$0] }
        return plan
    }

    /// The standing of `dataset` for objects referenced from `zone` (its ingest zone for its files, a
    /// version's zone for that version's entries).
    func standing(of dataset: Dataset, zone: String, _ db: Database) throws -> RetentionStanding {
        if let override = try RetentionOverride.filter(RetentionOverride.Columns.datasetId == dataset.id).fetchOne(db) {
            return RetentionStanding(
                dataset: dataset.name, rule: "override:\(dataset.name)", minDays: override.minDays,
                maxDays: override.maxDays, from: .ingest, overrideReason: override.reason)
        }
        guard let policy = configuration.retention.policies.first(where: { $0.matches(zone: zone, label: dataset.sensitivity) })
        else { return RetentionStanding(dataset: dataset.name, rule: nil, minDays: nil, maxDays: nil, from: .ingest) }
        return RetentionStanding(
            dataset: dataset.name, rule: policy.name, minDays: policy.minDays, maxDays: policy.maxDays, from: policy.from)
    }

    // MARK: - Candidates

    private struct RetentionCandidate {
        struct Reference {
            var datasetId: Int64
            var zone: String
        }

        var id: Int64
        var size: Int64
        var createdAt: Date
        var references: [Reference]
    }

    /// Every object not yet deleted, with every (dataset, zone) referencing it: its datasets' files (in
    /// the dataset's zone) and every version's entries (in the version's zone).
    private func retentionCandidates(_ db: Database) throws -> [RetentionCandidate] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT o.id, o.size, o.createdAt, r.datasetId, r.zone FROM object o JOIN (
                    SELECT f.objectId, f.datasetId, d.zone FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
                    UNION SELECT e.objectId, v.datasetId, m.zone FROM versionEntry e
                    JOIN datasetVersion v ON v.id = e.versionId JOIN versionManifest m ON m.versionId = v.id
                ) r ON r.objectId = o.id
                WHERE o.state != 'deleted'
                ORDER BY o.id
                """)
        var result: [RetentionCandidate] = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let reference = RetentionCandidate.Reference(datasetId: row[3], zone: row[4])
            if result.last?.id == id {
                result[result.count - 1].references.append(reference)
            } else {
                result.append(RetentionCandidate(id: id, size: row[1], createdAt: row[2], references: [reference]))
            }
        }
        return result
    }

    /// The earliest DICOM StudyDate of the studies holding each object (`YYYYMMDD`, UTC midnight).
    private func acquisitionDates(_ db: Database) throws -> [Int64: Date] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT i.objectId, MIN(t.studyDate) FROM instance i JOIN series s ON s.id = i.seriesId
                JOIN study t ON t.id = s.studyId WHERE t.studyDate IS NOT NULL GROUP BY i.objectId
                """)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var dates: [Int64: Date] = [:]
        for row in rows {
            let text = (row[1] as String?)?.filter(\.isNumber) ?? ""
            guard text.count == 8, let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
                let day = Int(text.suffix(2)),
                let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
            else { continue }
            dates[row[0]] = date
        }
        return dates
    }
}
