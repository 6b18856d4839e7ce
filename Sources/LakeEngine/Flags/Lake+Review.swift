import Catalog
import Foundation

extension Lake {
    /// Records that the acting person reviewed `target` (a series, study, sample or dataset) and found
    /// nothing to flag: the QC loop's "reviewed, next", kept in the audit log as `qc.review`.
    ///
    /// Needs the role that adds flags (annotator or curator) and, on a restricted dataset, a role that
    /// reads it or an `annotate` (or `approve`) grant, as ``addFlag(target:code:severity:note:)`` does.
    /// - Throws: ``LakeError/notFound(kind:id:)`` when `target` names nothing in the catalog.
    public func recordReview(target: String) throws {
        let role = try authorize(.addFlag)
        guard let entry = try show(target).first else { throw LakeError.notFound(kind: "review target", id: target) }
        try catalog.write { tx in
            let grant = try entry.dataset.flatMap { try datasetAccess($0, needing: .annotate, tx).grantId }
            var details = ["kind": entry.kind.rawValue]
            if let dataset = entry.dataset { details["dataset"] = dataset }
            if let grant { details["grant"] = String(grant) }
            try appendAudit(tx, role: role, action: "qc.review", target: target, details: details)
        }
    }
}
