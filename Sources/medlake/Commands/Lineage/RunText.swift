import Catalog
import Foundation

/// The lines `run show` and `explain` print for a run: what ran and where, and what was staged for it.
enum RunText {
    /// `image …`, `commit …`, then the context fields that are known, one `label: value` per line.
    static func contextLines(_ run: TrainingRun) -> [String] {
        let fields: [(String, String?)] = [
            ("image", run.image), ("commit", run.commit), ("workflow", run.workflow),
            ("workflow run", run.workflowRun), ("pod", run.pod), ("namespace", run.namespace), ("node", run.node),
            ("service account", run.serviceAccount),
        ]
        return fields.compactMap { label, value in value.map { "\(label): \(safe($0))" } }
    }

    /// `staged DIR (N files, SIZE) by USER at TIME`.
    static func stagingLine(_ staging: RunStaging) -> String {
        "staged into \(safe(staging.directory)) (\(staging.files) files, \(byteCount(staging.bytes))) by "
            + "\(safe(staging.stagedBy)) at \(staging.stagedAt.formatted(.iso8601))"
    }
}
