import Catalog
import Foundation

extension Lake {
    /// Marks dataset `name` deprecated in favour of the published version `successor` (`NAME@VERSION` of
    /// another dataset), with the reason. Needs curator or admin; audited.
    ///
    /// The dataset's `status` becomes `deprecated` (lifecycle rules match it with `dataset_status`), and
    /// new promotions and training runs from it are refused with an error naming the successor.
    @discardableResult
    public func deprecateDataset(_ name: String, successor: String, reason: String) throws -> DeprecationSummary {
        let role = try authorize(.curate)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RetentionError.reasonRequired }
        try catalog.write { tx in
            var (dataset, datasetId) = try existingDataset(named: name, tx)
            if let existing = try deprecation(datasetId: datasetId, tx) {
                throw RetentionError.alreadyDeprecated(dataset: name, successor: existing.successor)
            }
            let resolved: ResolvedVersion
            do {
                resolved = try resolvePublished(successor, tx)
            } catch {
                throw RetentionError.invalidSuccessor(successor, why: "no published version matches it")
            }
            guard resolved.version.datasetId != datasetId else {
                throw RetentionError.invalidSuccessor(successor, why: "it is a version of \(name) itself")
            }
            if let chained = try deprecation(datasetId: resolved.version.datasetId, tx) {
                throw RetentionError.invalidSuccessor(
                    successor, why: "\(resolved.dataset.name) is deprecated too (use \(chained.successor))")
            }
            var record = DatasetDeprecation(
                datasetId: datasetId, successorVersionId: resolved.version.id ?? 0, reason: reason,
                deprecatedBy: actor.user, deprecatedAt: Date())
            try tx.insert(&record)
            dataset.status = .deprecated
            try tx.update(dataset)
            try appendAudit(
                tx, role: role, action: "dataset.deprecate", target: name,
                details: ["successor": resolved.reference, "manifest": resolved.record.hash, "reason": reason])
        }
        guard let summary = try deprecation(of: name) else { throw LakeError.notFound(kind: "deprecation", id: name) }
        return summary
    }

    /// Why dataset `name` is deprecated, or nil when it is not.
    public func deprecation(of name: String) throws -> DeprecationSummary? {
        try authorize(.read)
        return try catalog.read { tx in try deprecation(datasetId: try existingDataset(named: name, tx).id, tx) }
    }

    /// Every deprecation, by dataset name.
    public func deprecations() throws -> [String: DeprecationSummary] {
        try authorize(.read)
        return try catalog.read { tx in
            var result: [String: DeprecationSummary] = [:]
            for record in try tx.deprecations() {
                if let summary = try deprecationSummary(record, tx) { result[summary.dataset] = summary }
            }
            return result
        }
    }

    /// Throws ``RetentionError/deprecated(dataset:successor:reason:)`` when the dataset is deprecated.
    func refuseDeprecated(datasetId: Int64, _ tx: CatalogTransaction) throws {
        if let deprecation = try deprecation(datasetId: datasetId, tx) {
            throw RetentionError.deprecated(
                dataset: deprecation.dataset, successor: deprecation.successor, reason: deprecation.reason)
        }
    }

    // MARK: - Helpers

    private func deprecation(datasetId: Int64, _ tx: CatalogTransaction) throws -> DeprecationSummary? {
        try tx.deprecation(datasetId: datasetId).flatMap { try deprecationSummary($0, tx) }
    }

    private func deprecationSummary(_ record: DatasetDeprecation, _ tx: CatalogTransaction) throws
        -> DeprecationSummary?
    {
        guard let name = try tx.datasetName(id: record.datasetId) else { return nil }
        return DeprecationSummary(
            dataset: name,
            successor: try tx.versionReference(id: record.successorVersionId) ?? "a removed version",
            reason: record.reason, deprecatedBy: record.deprecatedBy, deprecatedAt: record.deprecatedAt)
    }
}
