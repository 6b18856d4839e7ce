import Catalog
import Foundation

extension Lake {
    /// What the retention policies let go at `now`.
    ///
    /// An object may be deleted only when, for every dataset and zone referencing it (a dataset's files,
    /// and every version's entries, of any dataset), the policy that applies has a maximum keep that has
    /// run out and a minimum keep that is over. Objects under a legal hold, already in a deletion request
    /// or moving between tiers are left out and counted.
    public func retentionPlan(now: Date) throws -> RetentionPlan {
        try authorize(.read)
        return try catalog.read { tx in try retentionPlan(now: now, tx) }
    }

    /// The keep period of dataset `name`: its override, or the first policy matching its zone and label.
    public func retentionStanding(of name: String) throws -> RetentionStanding {
        try authorize(.read)
        return try catalog.read { tx in
            let dataset = try existingDataset(named: name, tx).dataset
            return try standing(of: dataset, zone: dataset.zone, tx)
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
        for days in [minDays, maxDays].compactMap({ $0 }) where days < 0 || !days.isFinite {
            throw LakeError.invalidArgument("A keep period is 0 or more days, not \(days).")
        }
        if let minDays, let maxDays, maxDays < minDays {
            throw LakeError.invalidArgument("The maximum keep (\(maxDays) days) is shorter than the minimum (\(minDays)).")
        }
        try catalog.write { tx in
            let datasetId = try existingDataset(named: name, tx).id
            var record = RetentionOverride(
                datasetId: datasetId, minDays: minDays, maxDays: maxDays, reason: reason, setBy: actor.user,
                setAt: Date())
            try tx.replaceRetentionOverride(&record)
            try appendAudit(
                tx, role: role, action: "retention.override", target: name,
                details: [
                    "minDays": minDays.map { String($0) } ?? "", "maxDays": maxDays.map { String($0) } ?? "",
                    "reason": reason,
                ])
        }
        return try retentionStanding(of: name)
    }

    // MARK: - Engine

    func retentionPlan(now: Date, _ tx: CatalogTransaction) throws -> RetentionPlan {
        let held = try tx.legallyHeldObjects()
        let busy = try tx.objectIdsInActiveJobs().union(try tx.objectIdsInPendingDeletions())
        let acquired = try acquisitionDates(tx)
        var standings: [String: RetentionStanding] = [:]
        var datasets: [Int64: Dataset] = [:]
        for dataset in try tx.datasets() {
            if let id = dataset.id { datasets[id] = dataset }
        }

        var groups: [String: RetentionDeletionGroup] = [:]
        var order: [String] = []
        var oldest: [String: Double] = [:]
        var plan = RetentionPlan(generatedAt: now, deletions: [], held: 0, shared: 0, busy: 0)
        for candidate in try tx.retentionCandidates() {
            var verdicts: [(standing: RetentionStanding, age: Double, expired: Bool)] = []
            for reference in candidate.references {
                guard let dataset = datasets[reference.datasetId] else { continue }
                let key = "\(reference.datasetId)\u{0}\(reference.zone)"
                let standing = try standings[key] ?? standing(of: dataset, zone: reference.zone, tx)
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
    func standing(of dataset: Dataset, zone: String, _ tx: CatalogTransaction) throws -> RetentionStanding {
        if let override = try dataset.id.flatMap({ try tx.retentionOverride(datasetId: $0) }) {
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

    /// The earliest DICOM StudyDate of the studies holding each object (`YYYYMMDD`, UTC midnight).
    private func acquisitionDates(_ tx: CatalogTransaction) throws -> [Int64: Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var dates: [Int64: Date] = [:]
        for (objectId, studyDate) in try tx.earliestStudyDates() {
            let text = studyDate.filter(\.isNumber)
            guard text.count == 8, let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
                let day = Int(text.suffix(2)),
                let date = calendar.date(from: DateComponents(year: year, month: month, day: day))
            else { continue }
            dates[objectId] = date
        }
        return dates
    }
}
