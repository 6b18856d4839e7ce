import Catalog
import Foundation
import LakeEngine

/// The lines `run show` and `explain` print for a run: what ran and where, and what was staged for it.
enum RunText {
    /// `image …`, `commit …`, then the context fields that are known, one `label: value` per line.
    static func contextLines(_ run: RunContext) -> [String] {
        let fields: [(String, String?)] = [
            ("image", run.image), ("commit", run.commit), ("workflow", run.workflow),
            ("workflow run", run.workflowRun), ("pod", run.pod), ("namespace", run.namespace), ("node", run.node),
            ("service account", run.serviceAccount),
        ]
        return fields.compactMap { label, value in value.map { "\(label): \(safe($0))" } }
    }

    /// `staged DIR (N files, SIZE) by USER at TIME`.
    static func stagingLine(_ staging: RunStaging) -> String {
        stagingLine(directory: staging.directory, files: staging.files, bytes: staging.bytes, by: staging.stagedBy, at: staging.stagedAt)
    }

    static func stagingLine(_ staging: RunStagingOverview) -> String {
        stagingLine(directory: staging.directory, files: staging.files, bytes: staging.bytes, by: staging.stagedBy, at: staging.stagedAt)
    }

    private static func stagingLine(directory: String, files: Int64, bytes: Int64, by user: String, at time: Date) -> String {
        "staged into \(safe(directory)) (\(files) files, \(byteCount(bytes))) by \(safe(user)) at \(time.formatted(.iso8601))"
    }
}
