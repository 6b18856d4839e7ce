import Catalog
import Foundation
import GRDB

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
        try catalog.pool.write { db in
            guard var dataset = try Dataset.filter(Dataset.Columns.name == name).fetchOne(db), let datasetId = dataset.id
            else { throw LakeError.notFound(kind: "dataset", id: name) }
            if let existing = try deprecation(datasetId: datasetId, db) {
                throw RetentionError.alreadyDeprecated(dataset: name, successor: existing.successor)
            }
            let resolved: ResolvedVersion
            do {
                resolved = try resolvePublished(successor, CatalogTransaction(unmoved: db))
            } catch {
                throw RetentionError.invalidSuccessor(successor, why: "no published version matches it")
            }
            guard resolved.version.datasetId != datasetId else {
                throw RetentionError.invalidSuccessor(successor, why: "it is a version of \(name) itself")
            }
            if let chained = try deprecation(datasetId: resolved.version.datasetId, db) {
                throw RetentionError.invalidSuccessor(
                    successor, why: "\(resolved.dataset.name) is deprecated too (use \(chained.successor))")
            }
            var record = DatasetDeprecation(
                datasetId: datasetId, successorVersionId: resolved.version.id ?? 0, reason: reason,
                deprecatedBy: actor.user, deprecatedAt: Date())
            try record.insert(db)
            dataset.status = .deprecated
            try dataset.update(db)
            try appendAudit(
                CatalogTransaction(unmoved: db), role: role, action: "dataset.deprecate", target: name,
                details: ["successor": resolved.reference, "manifest": resolved.record.hash, "reason": reason])
        }
        guard let summary = try deprecation(of: name) else { throw LakeError.notFound(kind: "deprecation", id: name) }
        return summary
    }

    /// Why dataset `name` is deprecated, or nil when it is not.
    public func deprecation(of name: String) throws -> DeprecationSummary? {
        try authorize(.read)
        return try catalog.reader.read { db in try deprecation(datasetId: try existingDataset(named: name, CatalogTransaction(unmoved: db)).id, db) }
    }

    /// Every deprecation, by dataset name.
    public func deprecations() throws -> [String: DeprecationSummary] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var result: [String: DeprecationSummary] = [:]
            for record in try DatasetDeprecation.fetchAll(db) {
                if let summary = try deprecationSummary(record, db) { result[summary.dataset] = summary }
            }
            return result
        }
    }

    /// Throws ``RetentionError/deprecated(dataset:successor:reason:)`` when the dataset is deprecated.
    func refuseDeprecated(datasetId: Int64, _ db: Database) throws {
        if let deprecation = try deprecation(datasetId: datasetId, db) {
            throw RetentionError.deprecated(
                dataset: deprecation.dataset, successor: deprecation.successor, reason: deprecation.reason)
        }
    }

    // MARK: - Helpers

    private func deprecation(datasetId: Int64, _ db: Database) throws -> DeprecationSummary? {
        let record = try DatasetDeprecation.filter(DatasetDeprecation.Columns.datasetId == datasetId).fetchOne(db)
        return try record.flatMap { try deprecationSummary($0, db) }
    }

    private func deprecationSummary(_ record: DatasetDeprecation, _ db: Database) throws -> DeprecationSummary? {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [record.datasetId])
        else { return nil }
        let successor = try Row.fetchOne(
            db,
            sql: "SELECT d.name, v.number FROM datasetVersion v JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?",
            arguments: [record.successorVersionId])
        return DeprecationSummary(
            dataset: name, successor: successor.map { "\($0[0] as String)@\($0[1] as Int)" } ?? "a removed version",
            reason: record.reason, deprecatedBy: record.deprecatedBy, deprecatedAt: record.deprecatedAt)
    }
}
